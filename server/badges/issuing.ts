import { randomUUID } from 'node:crypto';
import type { AchievementRow, IssuerKeyRow, LearnerRow, OrganisationRow } from './repo';
import {
	achievementCredential,
	clrCredential,
	didDocument,
	didWebUrl,
	emailIdentity,
	issuerIdentity,
	KeyStore,
	signCredential,
	statusEntry,
	statusListCredential,
	verifyCredential,
	type IssuerKey,
	type SignedCredential
} from './credentials';
import { pick, texts, type Lang } from '../../src/lib/badges/texts';
import type { VerifyReport } from '../../src/lib/badges/verify-report';
import { parseJson } from '../db/damage';

export type { VerifyReport };

/** What the badge service needs of the keys and lists of this install (read from the database at call time). */
export interface IssuingLookups {
	organisation(id: string): OrganisationRow | undefined;
	keys(organisationId: string): IssuerKeyRow[];
	/** The install's own key for CLR bundles (created on first use). */
	installKey(): Promise<{ keyId: string; publicKeyMultibase: string }>;
}

const INSTALL = 'install';

/**
 * The signing side of the badge model, over the credentials core (server/badges/credentials/): keys in files, the
 * organisation's DID (did:web on an https origin, did:key otherwise), OB3 credentials, CLR bundles, status lists
 * and verification with local documents only.
 */
export class Issuing {
	constructor(
		readonly keyStore: KeyStore,
		private lookups: IssuingLookups
	) {}

	createKey(organisationId: string) {
		return this.keyStore.create(organisationId);
	}

	/** The install's key for CLR bundles: its file is under `<keys>/install/`. */
	createInstallKey() {
		return this.keyStore.create(INSTALL);
	}

	private issuerKeys(keys: IssuerKeyRow[], activeId?: string): IssuerKey[] {
		const active = activeId ?? keys.find((k) => k.retiredAt === null)?.id;
		return keys.map((k) => ({ keyId: k.id, publicKeyMultibase: k.publicKeyMultibase, active: k.id === active }));
	}

	issuerId(input: { origin: string; organisation: OrganisationRow; keys: IssuerKeyRow[] }): string {
		return issuerIdentity(input.origin, input.organisation.id, this.issuerKeys(input.keys)).did;
	}

	didDocument(input: { origin: string; organisation: OrganisationRow; keys: IssuerKeyRow[] }): object | null {
		return didDocument(input.origin, input.organisation.id, this.issuerKeys(input.keys));
	}

	/** Signs an OB3 AchievementCredential for a learner with the organisation's active key. */
	async issueAchievement(input: {
		origin: string;
		organisation: OrganisationRow;
		keys: IssuerKeyRow[];
		credentialId: string;
		achievement: AchievementRow;
		learner: LearnerRow;
		issuedAt: Date;
		statusList: string;
		statusIndex: number;
		lang: Lang;
	}): Promise<string> {
		const { origin, organisation: org, achievement: a } = input;
		const keys = this.issuerKeys(input.keys);
		const active = keys.find((k) => k.active);
		if (!active) throw new Error(`organisation ${org.id} has no active key`);
		const identity = issuerIdentity(origin, org.id, keys);
		const achievementUrl = `${origin}/orgs/${org.id}/achievements/${a.id}`;
		const unsigned = achievementCredential({
			id: `${origin}/credentials/${input.credentialId}.json`,
			issuer: { id: identity.did, name: org.name, ...(org.url ? { url: org.url } : {}), ...(org.description ? { description: org.description } : {}), ...(org.logo ? { image: `${origin}/orgs/${org.id}/logo` } : {}) },
			validFrom: input.issuedAt,
			subject: {
				id: input.learner.walletDid ?? `urn:uuid:${input.learner.id}`,
				...(input.learner.emailHash && input.learner.emailSalt ? { identifier: [emailIdentity(input.learner.emailHash, input.learner.emailSalt)] } : {})
			},
			achievement: {
				id: achievementUrl,
				name: pick(texts(a.name), input.lang),
				description: pick(texts(a.description), input.lang),
				criteria: pick(texts(a.criteria), input.lang),
				achievementType: a.kind === 'degree' ? 'MicroCredential' : 'Badge',
				image: `${achievementUrl}.svg`,
				tags: parseJson<string[]>(a.tags, [], `achievements.tags ${a.id}`, (v) => Array.isArray(v) && v.every((x) => typeof x === 'string')),
				alignments: parseJson<{ targetName: string; targetUrl: string; targetFramework?: string }[]>(a.alignment, [], `achievements.alignment ${a.id}`, (v) =>
					Array.isArray(v) && v.every((x) => x && typeof x.targetName === 'string' && typeof x.targetUrl === 'string')
				),
				inLanguage: input.lang
			},
			status: statusEntry(`${origin}/orgs/${org.id}/status/${input.statusList}.json`, input.statusIndex)
		});
		const signer = await this.keyStore.signer(org.id, active.keyId, identity.verificationMethodId);
		return JSON.stringify(await signCredential(unsigned, signer, { now: input.issuedAt }), null, 2);
	}

	/** The signed revocation list, with the key it was opened with (so it names the same issuer as its credentials). */
	async statusListCredential(input: { origin: string; organisation: OrganisationRow; keys: IssuerKeyRow[]; listId: string; keyId: string; bits: Buffer; updatedAt: number }): Promise<string> {
		const keys = this.issuerKeys(input.keys, input.keyId);
		const identity = issuerIdentity(input.origin, input.organisation.id, keys);
		const unsigned = statusListCredential({ id: `${input.origin}/orgs/${input.organisation.id}/status/${input.listId}.json`, issuer: identity.did, list: new Uint8Array(input.bits), validFrom: new Date(input.updatedAt) });
		const signer = await this.keyStore.signer(input.organisation.id, input.keyId, identity.verificationMethodId);
		return JSON.stringify(await signCredential(unsigned, signer, { now: new Date(input.updatedAt) }), null, 2);
	}

	/** A CLR 2.0 credential bundling a learner's signed credentials, signed by this install's own did:key. */
	async issueClr(input: { origin: string; learner: LearnerRow; credentials: string[]; name: string; issuedAt: Date }): Promise<string> {
		const key = await this.lookups.installKey();
		// The install is not an organisation and serves no DID document of its own: its CLR is signed as a did:key
		// (an origin that is not https gives the did:key identity).
		const did = issuerIdentity('http://install.invalid', INSTALL, [{ keyId: key.keyId, publicKeyMultibase: key.publicKeyMultibase, active: true }]);
		const unsigned = clrCredential({
			id: `urn:uuid:${randomUUID()}`,
			issuer: { id: did.did, name: `Plenum (${new URL(input.origin).host})`, url: input.origin },
			validFrom: input.issuedAt,
			name: input.name,
			subject: { id: input.learner.walletDid ?? `urn:uuid:${input.learner.id}` },
			credentials: input.credentials.map((c) => JSON.parse(c) as SignedCredential)
		});
		const signer = await this.keyStore.signer(INSTALL, key.keyId, did.verificationMethodId);
		return JSON.stringify(await signCredential(unsigned, signer, { now: input.issuedAt }), null, 2);
	}

	/** Verifies a credential (a stored one, or one someone pasted) with local documents only. */
	async verify(json: string, statusListOf: (url: string) => Promise<unknown>): Promise<VerifyReport> {
		const r = await verifyCredential(json, {
			resolveDid: (did) => {
				// A did:web of this install: its document from the database (never the network).
				const url = didWebUrl(did);
				const m = url && /\/orgs\/([A-Za-z0-9_-]{1,64})\/did\.json$/.exec(new URL(url).pathname);
				const org = m ? this.lookups.organisation(m[1]) : undefined;
				return org && url ? didDocument(new URL(url).origin, org.id, this.issuerKeys(this.lookups.keys(org.id))) : null;
			},
			statusListOf
		});
		const c = r.credential as Record<string, any> | null;
		const subject = c?.credentialSubject;
		const ach = subject && typeof subject === 'object' ? subject.achievement : null;
		const issuer = c?.issuer;
		const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 500) : '');
		return {
			verified: r.verified,
			proof: r.proof,
			issuer: r.issuer,
			validity: r.validity === 'unknown' ? 'expired' : r.validity,
			status: r.status,
			problems: r.problems,
			summary: c
				? {
						name: str(c.name),
						issuerName: str(typeof issuer === 'object' && issuer ? issuer.name : ''),
						issuerId: str(typeof issuer === 'string' ? issuer : issuer?.id),
						// Only a web address is shown as a link: whatever else a posted credential says stays text.
						issuerUrl: typeof issuer === 'object' && issuer && typeof issuer.url === 'string' && /^https?:\/\//.test(issuer.url) ? issuer.url.slice(0, 500) : null,
						validFrom: str(c.validFrom),
						achievement: str(ach?.name) || str(c.name),
						criteria: str(ach?.criteria?.narrative)
					}
				: null
		};
	}
}
