import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { createDocumentLoader } from './contexts';
import type { SignedCredential } from './build';
import type { Signer } from './keys';

/** The one proof this install writes and accepts: a Data Integrity proof with the eddsa-rdfc-2022 cryptosuite. */
export const PROOF = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' } as const;

/**
 * Signs an unsigned credential (build.ts, status-list.ts) with `signer` (keys.ts): a DataIntegrityProof,
 * eddsa-rdfc-2022, proofPurpose assertionMethod, through @digitalbazaar/vc with local contexts only. Throws when the
 * signer's DID is not the credential's issuer (a bug in the caller) or the credential names a non-local context.
 * The input is not changed.
 */
export async function signCredential<T extends object>(
	unsigned: T,
	signer: Signer,
	options: { now?: Date } = {}
): Promise<T & SignedCredential> {
	const credential = structuredClone(unsigned) as Record<string, unknown>;
	const issuer = credential.issuer;
	const issuerId = typeof issuer === 'string' ? issuer : (issuer as { id?: unknown } | undefined)?.id;
	if (signer.id.split('#')[0] !== issuerId) {
		throw new Error(`signer ${signer.id} does not belong to the issuer ${String(issuerId)}`);
	}
	const suite = new DataIntegrityProof({ signer, cryptosuite, date: options.now });
	const signed = await vc.issue({ credential, suite, documentLoader: createDocumentLoader(), now: options.now });
	return signed as T & SignedCredential;
}
