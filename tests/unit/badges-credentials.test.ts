import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
// The independent verifier: the Digital Credentials Consortium's packages, with a loader of its own.
import { independentLoader, independentlyVerified } from '../helpers/independent-verifier';
import {
	CONTEXTS,
	ContextNotLocalError,
	KeyStore,
	KeyStoreError,
	achievementCredential,
	checkShape,
	clrCredential,
	createDocumentLoader,
	decodeBitstring,
	didDocument,
	didWebFor,
	didWebUrl,
	emailIdentity,
	emptyBitstring,
	encodeBitstring,
	getBit,
	hashEmail,
	hashedEmail,
	issuerIdentity,
	setBit,
	signCredential,
	statusEntry,
	statusListCredential,
	verifyCredential,
	STATUS_LIST_BITS,
	type Bitstring,
	type DidDocument,
	type IssuerKey,
	type SignedCredential,
	type VerifyOptions
} from '../../server/badges/credentials';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HTTPS = 'https://plenum.example';
const LAN = 'http://192.168.1.20:3000';
const ORG = 'org_1';
const LEARNER = 'urn:uuid:6c7d8a1e-1b2c-4d3e-8f90-a1b2c3d4e5f6';

let keyDir: string;
let store: KeyStore;
// Nothing here may reach the network: a context or DID fetched from outside would show up as a call.
const fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('no network in these tests'));
beforeAll(() => {
	keyDir = mkdtempSync(path.join(tmpdir(), 'plenum-keys-'));
	store = new KeyStore(keyDir);
});
afterAll(() => {
	rmSync(keyDir, { recursive: true, force: true });
	expect(fetchSpy).not.toHaveBeenCalled();
	fetchSpy.mockRestore();
});

/** One issuing organisation: its keys, a status list per origin, and the callbacks the lead would supply. */
class Issuer {
	keys: IssuerKey[] = [];
	lists = new Map<string, Bitstring>();
	signedLists = new Map<string, SignedCredential>();
	constructor(readonly origin: string) {}

	async rotate(): Promise<void> {
		const key = await store.create(ORG);
		this.keys = [...this.keys.map((k) => ({ ...k, active: false })), { ...key, active: true }];
	}
	get identity() {
		return issuerIdentity(this.origin, ORG, this.keys);
	}
	async signer() {
		const active = this.keys.find((k) => k.active)!;
		return store.signer(ORG, active.keyId, this.identity.verificationMethodId);
	}
	get listUrl() {
		return `${this.origin}/orgs/${ORG}/status/1.json`;
	}
	resolveDid = (did: string): DidDocument | null => {
		const doc = didDocument(this.origin, ORG, this.keys);
		return doc && doc.id === did ? doc : null;
	};
	async publishList(list: Bitstring): Promise<void> {
		this.lists.set(this.listUrl, list);
		const unsigned = statusListCredential({ id: this.listUrl, issuer: this.identity.did, list, validFrom: new Date() });
		this.signedLists.set(this.listUrl, await signCredential(unsigned, await this.signer()));
	}
	get options(): VerifyOptions {
		return { resolveDid: this.resolveDid, statusListOf: (url) => this.signedLists.get(url) ?? null };
	}
	async badge(overrides: { index?: number; name?: string } = {}): Promise<SignedCredential> {
		const unsigned = achievementCredential({
			id: `${this.origin}/credentials/${overrides.index ?? 7}.json`,
			issuer: { id: this.identity.did, name: 'Youth STEM Network', url: 'https://stem.example', description: 'Workshops' },
			validFrom: new Date(Date.now() - 60_000),
			subject: { id: LEARNER, identifier: [hashedEmail('Ada@Example.org', 'pepper-and-salt')] },
			achievement: {
				id: `${this.origin}/orgs/${ORG}/achievements/idea-giver`,
				name: overrides.name ?? 'Idea giver',
				description: 'Gave ideas that the group kept after moderation.',
				criteria: 'Wrote at least three cards that stayed on the board after moderation.',
				achievementType: 'Badge',
				image: 'data:image/svg+xml;base64,PHN2Zy8+',
				tags: ['co-creation', 'ideas'],
				alignments: [
					{ targetName: 'brainstorming', targetUrl: 'http://data.europa.eu/esco/skill/abc', targetFramework: 'ESCO' }
				],
				inLanguage: 'en'
			},
			status: statusEntry(this.listUrl, overrides.index ?? 7)
		});
		return signCredential(unsigned, await this.signer());
	}
}

async function makeIssuer(origin: string): Promise<Issuer> {
	const issuer = new Issuer(origin);
	await issuer.rotate();
	await issuer.publishList(emptyBitstring());
	return issuer;
}

function tampered(credential: SignedCredential, change: (c: Record<string, any>) => void): SignedCredential {
	const copy = structuredClone(credential) as Record<string, any>;
	change(copy);
	return copy as SignedCredential;
}

describe('the local contexts', () => {
	it('vendors the published CLR 2.0.1 context byte for byte (its pinned SHA-256)', () => {
		const bytes = readFileSync(path.join(ROOT, 'server/badges/contexts/clr-context-2.0.1.json'));
		expect(createHash('sha256').update(bytes).digest('hex')).toBe(
			'880f1902d4158f2f33ce06af41b90719977cd1ea337a9de2e41edb3ff5e543d6'
		);
	});

	it('refuses any other URL with context_not_local, naming it, without the network', async () => {
		const refused: string[] = [];
		const load = createDocumentLoader({ refused });
		await expect(load('https://example.org/context.json')).rejects.toMatchObject({
			code: 'context_not_local',
			url: 'https://example.org/context.json'
		});
		await expect(load('https://www.w3.org/2018/credentials/v1')).rejects.toBeInstanceOf(ContextNotLocalError);
		expect(refused).toEqual(['https://example.org/context.json', 'https://www.w3.org/2018/credentials/v1']);
		expect((await load(CONTEXTS.ob3)).document).toBeTruthy();
	});

	it('computes did:key documents from the key and asks the resolver for did:web', async () => {
		const issuer = await makeIssuer(HTTPS);
		const key = issuer.keys[0].publicKeyMultibase;
		const load = createDocumentLoader({ resolveDid: issuer.resolveDid });
		const keyDoc = (await load(`did:key:${key}`)).document as DidDocument;
		expect(keyDoc.assertionMethod).toEqual([`did:key:${key}#${key}`]);
		const webDoc = (await load(issuer.identity.did)).document as DidDocument;
		expect(webDoc.id).toBe('did:web:plenum.example:orgs:org_1');
		await expect(load('did:web:elsewhere.example')).rejects.toMatchObject({ code: 'context_not_local' });
		await expect(load('did:key:z6MkNotAKey')).rejects.toMatchObject({ code: 'context_not_local' });
	});
});

describe('keys and issuer identifiers', () => {
	it('writes the key pair to a 0600 file in 0700 folders and signs from it', async () => {
		const key = await store.create(ORG);
		const file = store.file(ORG, key.keyId);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
		expect(statSync(keyDir).mode & 0o777).toBe(0o700);
		const stored = JSON.parse(readFileSync(file, 'utf8'));
		expect(stored.publicKeyMultibase).toBe(key.publicKeyMultibase);
		expect(stored.secretKeyMultibase).toMatch(/^z/);
		const signer = await store.signer(ORG, key.keyId, `did:key:${key.publicKeyMultibase}#${key.publicKeyMultibase}`);
		expect(signer.id).toBe(`did:key:${key.publicKeyMultibase}#${key.publicKeyMultibase}`);
	});

	it('refuses a missing, unreadable or path-walking key with a clear code', async () => {
		await expect(store.signer(ORG, 'nope', 'did:key:x#x')).rejects.toMatchObject({ code: 'key_missing' });
		await expect(store.signer('../etc', 'passwd', 'did:key:x#x')).rejects.toMatchObject({ code: 'key_bad_id' });
		await expect(store.create('a/b')).rejects.toBeInstanceOf(KeyStoreError);
		const key = await store.create(ORG);
		writeFileSync(store.file(ORG, key.keyId), '{"publicKeyMultibase":"z6Mk"}');
		await expect(store.signer(ORG, key.keyId, 'did:key:x#x')).rejects.toMatchObject({ code: 'key_unreadable' });
	});

	it('uses did:web on an https origin and did:key otherwise', async () => {
		expect(didWebFor('https://plenum.example', 'o1')).toBe('did:web:plenum.example:orgs:o1');
		expect(didWebFor('https://plenum.example:8443/', 'o1')).toBe('did:web:plenum.example%3A8443:orgs:o1');
		expect(didWebFor('http://localhost:5173', 'o1')).toBeNull();
		expect(didWebUrl('did:web:plenum.example%3A8443:orgs:o1')).toBe('https://plenum.example:8443/orgs/o1/did.json');
		const lan = await makeIssuer(LAN);
		expect(lan.identity.method).toBe('key');
		expect(lan.identity.did).toBe(`did:key:${lan.keys[0].publicKeyMultibase}`);
		expect(() => issuerIdentity(HTTPS, ORG, [])).toThrow(/issuer_no_active_key/);
	});
});

describe('an Open Badges 3.0 credential', () => {
	let issuer: Issuer;
	let badge: SignedCredential;
	beforeAll(async () => {
		issuer = await makeIssuer(HTTPS);
		badge = await issuer.badge();
	});
	// Every test starts from a clean revocation list, even when the one before failed half-way.
	afterEach(() => issuer.publishList(emptyBitstring()));

	it('validates against the OB 3.0 schema and verifies with ours and the independent stack', async () => {
		expect(checkShape(badge)).toEqual({ kind: 'achievement', ok: true, issues: [] });
		const result = await verifyCredential(JSON.stringify(badge), issuer.options);
		expect(result).toMatchObject({
			verified: true,
			kind: 'achievement',
			proof: 'ok',
			issuer: 'ok',
			validity: 'ok',
			status: 'active',
			problems: []
		});
		expect(await independentlyVerified(badge, issuer.resolveDid)).toBe(true);
	});

	it.each([
		['name', (c: Record<string, any>) => (c.name = 'Jury award')],
		['achievement name', (c: Record<string, any>) => (c.credentialSubject.achievement.name = 'Jury award')],
		['subject id', (c: Record<string, any>) => (c.credentialSubject.id = 'urn:uuid:00000000-0000-4000-8000-000000000000')],
		['issuer name', (c: Record<string, any>) => (c.issuer.name = 'Someone else')],
		['issuer id', (c: Record<string, any>) => (c.issuer.id = 'did:web:plenum.example:orgs:other')],
		['validFrom', (c: Record<string, any>) => (c.validFrom = '2020-01-01T00:00:00Z')],
		['status index', (c: Record<string, any>) => (c.credentialStatus.statusListIndex = '8')],
		[
			'proof value',
			(c: Record<string, any>) =>
				(c.proof.proofValue = c.proof.proofValue.slice(0, -3) + (c.proof.proofValue.endsWith('abc') ? 'abd' : 'abc'))
		]
	])('fails both verifiers once its %s is changed', async (_what, change) => {
		const forged = tampered(badge, change);
		const ours = await verifyCredential(forged, issuer.options);
		expect(ours.verified).toBe(false);
		expect(ours.proof).toBe('failed');
		expect(await independentlyVerified(forged, issuer.resolveDid)).toBe(false);
	});

	it('says revoked once its bit is set, and active again once it is cleared', async () => {
		await issuer.publishList(setBit(emptyBitstring(), 7, true));
		const revoked = await verifyCredential(badge, issuer.options);
		expect(revoked).toMatchObject({ verified: false, proof: 'ok', status: 'revoked', problems: ['revoked'] });
		await issuer.publishList(emptyBitstring());
		expect(await verifyCredential(badge, issuer.options)).toMatchObject({ verified: true, status: 'active' });
	});

	it('does not trust a status list that is unsigned, forged or missing', async () => {
		const list = issuer.signedLists.get(issuer.listUrl)!;
		const clean = structuredClone(list);
		const forgedList = tampered(list, (c) => (c.credentialSubject.encodedList = encodeBitstring(setBit(emptyBitstring(), 7, true))));
		await issuer.publishList(setBit(emptyBitstring(), 7, true));
		const revokedList = issuer.signedLists.get(issuer.listUrl)!;
		const cleanBits = (clean.credentialSubject as { encodedList: string }).encodedList;
		const forgedClean = tampered(revokedList, (c) => (c.credentialSubject.encodedList = cleanBits));
		const unsigned = tampered(clean, (c) => delete c.proof);
		for (const served of [forgedClean, unsigned, forgedList]) {
			const result = await verifyCredential(badge, { ...issuer.options, statusListOf: () => served });
			expect(result).toMatchObject({ verified: false, status: 'unknown', problems: ['status_list_invalid'] });
		}
		const missing = await verifyCredential(badge, { ...issuer.options, statusListOf: () => null });
		expect(missing).toMatchObject({ verified: false, status: 'unknown', problems: ['status_list_unavailable'] });
	});

	it('says not yet valid or expired, and keeps the proof apart', async () => {
		const later = await verifyCredential(badge, { ...issuer.options, now: new Date(Date.now() - 3_600_000) });
		expect(later).toMatchObject({ verified: false, proof: 'ok', validity: 'not_yet', problems: ['not_yet_valid'] });
		const unsigned = achievementCredential({
			id: `${HTTPS}/credentials/9.json`,
			issuer: { id: issuer.identity.did, name: 'Youth STEM Network' },
			validFrom: '2024-01-01T00:00:00Z',
			validUntil: '2025-01-01T00:00:00Z',
			subject: { id: LEARNER },
			achievement: { id: `${HTTPS}/a/1`, name: 'Took part', description: 'Was there.', criteria: 'Joined the workshop.' }
		});
		const old = await signCredential(unsigned, await issuer.signer());
		expect(await verifyCredential(old, issuer.options)).toMatchObject({
			verified: false,
			proof: 'ok',
			validity: 'expired',
			status: 'active',
			problems: ['expired']
		});
	});

	it('refuses a credential naming a context that is not local, fetching nothing', async () => {
		const foreign = tampered(badge, (c) => c['@context'].push('https://evil.example/context.json'));
		const result = await verifyCredential(foreign, issuer.options);
		expect(result).toMatchObject({ verified: false, problems: ['context_not_local'] });
		expect(result.refusedUrls).toEqual(['https://evil.example/context.json']);
		const unsigned = tampered(badge, (c) => {
			delete c.proof;
			c['@context'][1] = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json';
		});
		await expect(signCredential(unsigned, await issuer.signer())).rejects.toThrow();
	});

	it('never throws on garbage, and says why', async () => {
		const cases: [unknown, string][] = [
			['not json {', 'not_json'],
			['[1,2]', 'not_an_object'],
			[null, 'not_an_object'],
			['x'.repeat(300 * 1024), 'too_large'],
			[{ name: 'x'.repeat(300 * 1024) }, 'too_large'],
			[{ hello: 'world' }, 'shape_invalid'],
			[tampered(badge, (c) => delete c.proof), 'proof_missing'],
			[tampered(badge, (c) => (c.proof.cryptosuite = 'ecdsa-rdfc-2019')), 'proof_unsupported'],
			[tampered(badge, (c) => delete c['@context']), 'shape_invalid']
		];
		for (const [input, problem] of cases) {
			const result = await verifyCredential(input, issuer.options);
			expect(result.verified).toBe(false);
			expect(result.problems).toContain(problem);
		}
		const cyclic: Record<string, unknown> = {};
		cyclic.self = cyclic;
		expect((await verifyCredential(cyclic)).problems).toEqual(['not_json']);
	});

	it('says the issuer is unknown when its DID cannot be resolved', async () => {
		const result = await verifyCredential(badge, { statusListOf: issuer.options.statusListOf });
		expect(result).toMatchObject({ verified: false, issuer: 'unknown', proof: 'failed' });
		expect(result.problems).toContain('issuer_unresolved');
	});
});

describe('key rotation', () => {
	it('keeps a did:web credential signed with a retired key verifiable', async () => {
		const issuer = await makeIssuer(HTTPS);
		const before = await issuer.badge();
		await issuer.rotate();
		expect(issuer.keys.map((k) => k.active)).toEqual([false, true]);
		expect(didDocument(HTTPS, ORG, issuer.keys)!.assertionMethod).toHaveLength(2);
		await issuer.publishList(emptyBitstring());
		const after = await issuer.badge({ index: 8 });
		for (const credential of [before, after]) {
			expect(await verifyCredential(credential, issuer.options)).toMatchObject({ verified: true });
			expect(await independentlyVerified(credential, issuer.resolveDid)).toBe(true);
		}
		expect((before.proof as { verificationMethod: string }).verificationMethod).not.toBe(
			(after.proof as { verificationMethod: string }).verificationMethod
		);
		// A key the DID document no longer lists is no longer the issuer's.
		const dropped = { ...issuer.options, resolveDid: (did: string) => didDocument(HTTPS, ORG, issuer.keys.slice(1)) };
		expect(await verifyCredential(before, dropped)).toMatchObject({ verified: false, issuer: 'mismatch' });
	});

	it('keeps a did:key credential verifiable after the organisation moves to a new key', async () => {
		const issuer = await makeIssuer(LAN);
		const before = await issuer.badge();
		const oldDid = issuer.identity.did;
		await issuer.rotate();
		expect(issuer.identity.did).not.toBe(oldDid);
		// The old credential's status list is the one its issuer (the old did:key) signed.
		const oldList = structuredClone(issuer.signedLists.get(issuer.listUrl)!);
		const result = await verifyCredential(before, { ...issuer.options, statusListOf: () => oldList });
		expect(result).toMatchObject({ verified: true, issuer: 'ok' });
		expect(await independentlyVerified(before, issuer.resolveDid)).toBe(true);
	});
});

describe('a CLR 2.0 credential', () => {
	it('bundles two signed badges, validates against the CLR schema and verifies with both stacks', async () => {
		const issuer = await makeIssuer(HTTPS);
		const one = await issuer.badge({ index: 1 });
		const two = await issuer.badge({ index: 2, name: 'Session host' });
		const unsigned = clrCredential({
			id: `${HTTPS}/backpacks/b1/clr.json`,
			issuer: { id: issuer.identity.did, name: 'Youth STEM Network' },
			validFrom: new Date(Date.now() - 1000),
			name: 'Ada’s record',
			subject: { id: LEARNER },
			credentials: [one, two]
		});
		const clr = await signCredential(unsigned, await issuer.signer());
		expect(checkShape(clr)).toEqual({ kind: 'clr', ok: true, issues: [] });
		const result = await verifyCredential(clr, issuer.options);
		expect(result).toMatchObject({ verified: true, kind: 'clr', problems: [] });
		expect(result.embedded.map((e) => e.verified)).toEqual([true, true]);
		expect(await independentlyVerified(clr, issuer.resolveDid)).toBe(true);

		const edited = tampered(clr, (c) => (c.credentialSubject.verifiableCredential[1].name = 'Jury award'));
		expect(await verifyCredential(edited, issuer.options)).toMatchObject({ verified: false, proof: 'failed' });
		expect(await independentlyVerified(edited, issuer.resolveDid)).toBe(false);

		await issuer.publishList(setBit(emptyBitstring(), 2, true));
		const withRevoked = await verifyCredential(clr, issuer.options);
		expect(withRevoked).toMatchObject({ verified: false, proof: 'ok', problems: ['embedded_failed'] });
		expect(withRevoked.embedded.map((e) => e.status)).toEqual(['active', 'revoked']);
	});
});

describe('the schemas', () => {
	it('refuse what the specifications forbid', async () => {
		const issuer = await makeIssuer(HTTPS);
		const badge = await issuer.badge();
		const bad: [string, (c: Record<string, any>) => void][] = [
			['a type without OpenBadgeCredential', (c) => (c.type = ['VerifiableCredential'])],
			['a date without time zone', (c) => (c.validFrom = '2026-01-01T00:00:00')],
			['an achievementType outside the enumeration', (c) => (c.credentialSubject.achievement.achievementType = 'Trophy')],
			['a subject with neither id nor identifier', (c) => {
				delete c.credentialSubject.id;
				delete c.credentialSubject.identifier;
			}],
			['an achievement without criteria', (c) => delete c.credentialSubject.achievement.criteria],
			['an identity hash that is not sha256$hex', (c) => (c.credentialSubject.identifier[0].identityHash = 'sha256$xyz')],
			['an issuer that is not a Profile', (c) => (c.issuer.type = ['Organization'])],
			['a proof without its value', (c) => delete c.proof.proofValue],
			['a status index that is not a decimal string', (c) => (c.credentialStatus.statusListIndex = 7)],
			['validUntil before validFrom', (c) => (c.validUntil = '2000-01-01T00:00:00Z')],
			['a language that is not a BCP 47 tag', (c) => (c.credentialSubject.achievement.inLanguage = 'English')],
			['a proof for another purpose', (c) => (c.proof.proofPurpose = 'authentication')],
			['a status entry without id', (c) => delete c.credentialStatus.id],
			['an image without type', (c) => delete c.credentialSubject.achievement.image.type]
		];
		for (const [what, change] of bad) {
			expect(checkShape(tampered(badge, change)).ok, what).toBe(false);
		}
		expect(checkShape(tampered(badge, (c) => (c.credentialSubject.achievement.achievementType = 'ext:Spark'))).ok).toBe(true);
		// OB 3.0's ProfileRef: the issuer may be given by its URI alone.
		expect(checkShape(tampered(badge, (c) => (c.issuer = c.issuer.id))).ok).toBe(true);
		expect(checkShape(issuer.signedLists.get(issuer.listUrl)).kind).toBe('status_list');
		expect(checkShape(issuer.signedLists.get(issuer.listUrl)).ok).toBe(true);
	});

	it('hash an e-mail address as OB 3.0 says', () => {
		const identity = hashedEmail(' Ada@Example.org ', 'pepper-and-salt');
		const expected = createHash('sha256').update('ada@example.org' + 'pepper-and-salt').digest('hex');
		expect(identity).toEqual({
			type: 'IdentityObject',
			identityHash: `sha256$${expected}`,
			identityType: 'emailAddress',
			hashed: true,
			salt: 'pepper-and-salt'
		});
		expect(emailIdentity(hashEmail('ada@example.org', 'pepper-and-salt'), 'pepper-and-salt')).toEqual(identity);
		expect(() => hashEmail('not an address', 'pepper-and-salt')).toThrow(RangeError);
		expect(() => hashEmail('ada@example.org', 'short')).toThrow(RangeError);
		expect(() => emailIdentity('md5$abc', 'pepper-and-salt')).toThrow(RangeError);
	});
});

describe('the status list', () => {
	it('round-trips any set of bits through encodedList (seeded property)', () => {
		fc.assert(
			fc.property(fc.uniqueArray(fc.integer({ min: 0, max: STATUS_LIST_BITS - 1 }), { maxLength: 200 }), (indexes) => {
				let list = emptyBitstring();
				for (const i of indexes) list = setBit(list, i, true);
				const encoded = encodeBitstring(list);
				expect(encoded.startsWith('u')).toBe(true);
				const decoded = decodeBitstring(encoded)!;
				expect(decoded.length * 8).toBe(STATUS_LIST_BITS);
				const set = new Set(indexes);
				for (const i of indexes) expect(getBit(decoded, i)).toBe(true);
				let count = 0;
				for (let byte = 0; byte < decoded.length; byte++) {
					for (let b = decoded[byte]; b; b &= b - 1) count++;
				}
				expect(count).toBe(set.size);
			}),
			{ seed: 12, numRuns: 60 }
		);
	});

	it('puts bit 0 in the most significant bit of the first byte, and refuses bad lists', () => {
		const list = setBit(emptyBitstring(), 0, true);
		expect(list[0]).toBe(0x80);
		expect(getBit(setBit(list, 0, false), 0)).toBe(false);
		expect(() => setBit(list, STATUS_LIST_BITS, true)).toThrow(RangeError);
		expect(decodeBitstring('zabc')).toBeNull();
		expect(decodeBitstring('u!!')).toBeNull();
		expect(decodeBitstring('u' + Buffer.from('not gzip').toString('base64url'))).toBeNull();
		expect(decodeBitstring(encodeBitstring(new Uint8Array(16)))).toBeNull();
	});
});
