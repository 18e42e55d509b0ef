import { CONTEXTS, didKeyOf, type DidDocument, type VerificationMethod } from './contexts';

/** One key of an organisation as the database keeps it: the public half, and whether it is the one that signs now. */
export type IssuerKey = { keyId: string; publicKeyMultibase: string; active: boolean };

/** Who issues for an organisation: its DID and the verification method its active key signs as. */
export type IssuerIdentity = { did: string; verificationMethodId: string; method: 'web' | 'key' };

/** A refusal with a stable code (no active key, an origin that is not a URL, an id unfit for a DID). */
export class IssuerError extends Error {
	constructor(
		readonly code: 'issuer_no_active_key' | 'issuer_bad_origin' | 'issuer_bad_org_id',
		message: string
	) {
		super(`${code}: ${message}`);
		this.name = 'IssuerError';
	}
}

const SAFE_ORG_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The `did:web` of an organisation on an install whose public origin is https
 * (`did:web:<host>[%3A<port>]:orgs:<orgId>`, document at `https://<host>[:<port>]/orgs/<orgId>/did.json`), or null
 * when the origin is not https (a LAN install: did:key then).
 */
export function didWebFor(origin: string, orgId: string): string | null {
	if (!SAFE_ORG_ID.test(orgId)) throw new IssuerError('issuer_bad_org_id', `organisation id ${JSON.stringify(orgId)}`);
	let url: URL;
	try {
		url = new URL(origin);
	} catch {
		throw new IssuerError('issuer_bad_origin', `${JSON.stringify(origin)} is not a URL`);
	}
	if (url.protocol !== 'https:') return null;
	const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
	return `did:web:${host}:orgs:${orgId}`;
}

/** Where a `did:web` document lives (`https://host[:port]/path/did.json`), or null for anything else. */
export function didWebUrl(did: string): string | null {
	const match = /^did:web:([^:]+)((?::[^:]+)*)$/.exec(did);
	if (!match) return null;
	const host = decodeURIComponent(match[1]);
	const segments = match[2] ? match[2].slice(1).split(':').map(decodeURIComponent) : [];
	return `https://${host}/${segments.length ? segments.join('/') : '.well-known'}/did.json`;
}

function activeKey(keys: readonly IssuerKey[]): IssuerKey {
	const active = keys.filter((k) => k.active);
	if (active.length !== 1) {
		throw new IssuerError('issuer_no_active_key', `expected exactly one active key, found ${active.length}`);
	}
	return active[0];
}

/**
 * The issuer identity of an organisation: `did:web` listing all its keys when the origin is https, otherwise the
 * `did:key` of its active key (verifiable on a LAN without internet). The verification method is the active key's.
 */
export function issuerIdentity(origin: string, orgId: string, keys: readonly IssuerKey[]): IssuerIdentity {
	const key = activeKey(keys);
	const web = didWebFor(origin, orgId);
	if (web) return { did: web, verificationMethodId: `${web}#${key.publicKeyMultibase}`, method: 'web' };
	const did = didKeyOf(key.publicKeyMultibase);
	return { did, verificationMethodId: `${did}#${key.publicKeyMultibase}`, method: 'key' };
}

/**
 * The DID document of an organisation's `did:web` (what `GET /orgs/<orgId>/did.json` answers): every key, active
 * and retired, as a Multikey verification method in `assertionMethod`, so credentials signed before a rotation
 * still verify. Null when the origin is not https (there is no did:web then).
 */
export function didDocument(origin: string, orgId: string, keys: readonly IssuerKey[]): DidDocument | null {
	const did = didWebFor(origin, orgId);
	if (!did) return null;
	const methods: VerificationMethod[] = keys.map((k) => ({
		id: `${did}#${k.publicKeyMultibase}`,
		type: 'Multikey',
		controller: did,
		publicKeyMultibase: k.publicKeyMultibase
	}));
	return {
		'@context': [CONTEXTS.did1, CONTEXTS.multikey1],
		id: did,
		verificationMethod: methods,
		assertionMethod: methods.map((m) => m.id)
	};
}
