// The badge model on a real database, with real keys and signatures (no server): a workshop runs through its
// commands, closes, the rules propose awards from its participation log, a facilitator confirms, a participant takes
// the badges home; the credentials verify with Plenum's verifier and with an independent one, a revoked one reads as
// revoked, an edited one fails, a backpack brought to a second workshop earns the cross-workshop achievement, and
// erasing a backpack leaves nothing of the learner but the revoked status bits.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { closeDeps, createDeps, type Deps } from '../../server/deps';
import { SERVER_MODULES } from '../../server/features/index';
import { handleCoreCommand, isCoreHandled } from '../../server/realtime/commands';
import { commandContext } from '../../server/realtime/context';
import { Dirty } from '../../server/realtime/dirty';
import { createLogger } from '../../server/log';
import { checkShape, decodeBitstring, getBit } from '../../server/badges/credentials';
import type { EventActor, ParticipationEvent } from '../../src/lib/domain/participation';
import type { Result } from '../../src/lib/domain/result';
import { independentlyVerified } from '../helpers/independent-verifier';
import { tempDataDir } from './harness';

const ORIGIN = 'http://192.168.1.20:3000';
let deps: Deps;
let dataDir: string;
beforeAll(() => {
	dataDir = tempDataDir();
	deps = createDeps({ ...loadConfig({}), dataDir, logLevel: 'silent' }, SERVER_MODULES, createLogger('silent'));
});
afterAll(() => closeDeps(deps));

let seq = 0;
/** Runs a command as the gateway does (handler in a transaction, its events appended when it applied). */
function run(name: string, actor: EventActor, workshopId: string, payload: Record<string, unknown>): unknown {
	const events: ParticipationEvent[] = [];
	const result = deps.db.transaction(() => {
		const ctx = commandContext(deps, deps.repos.workshops.get(workshopId)!, actor, Date.now(), new Dirty(), events);
		const full = { key: `badges-test-${++seq}`, ...payload };
		const mod = deps.modules.ofCommand(name);
		const r = (mod ? (mod.handlers as Record<string, (c: typeof ctx, p: unknown) => Result<unknown, string>>)[name](ctx, full) : isCoreHandled(name) ? handleCoreCommand(name as never, ctx, full as never) : null) as Result<unknown, string> | null;
		if (!r) throw new Error(`${name} has no handler`);
		if (r.ok) deps.repos.participation.append(workshopId, actor, Date.now(), events);
		return r;
	});
	if (!result.ok) throw new Error(`${name} refused: ${result.reason}`);
	return result.value;
}

let n = 0;
async function account(name: string) {
	const u = await deps.services.signUp(`10.12.${++n}.1`, `${name}${n}`, 'correct horse battery');
	if (!u.ok) throw new Error(u.reason);
	return u.value.id;
}

async function organisation(userId: string, name = 'STEM Netz Nord') {
	const logo = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
	const org = await deps.badges.createOrganisation(userId, { name, url: 'https://stem.example', description: 'Jugend-MINT', logo });
	if (!org.ok) throw new Error(org.reason);
	return org.value.id;
}

/** A workshop for the organisation with one board and these people; returns helpers to act in it. */
function workshop(userId: string, orgId: string | null, names: string[]) {
	const w = deps.services.createWorkshop(userId, `Workshop ${++n}`, 'de');
	if (!w.ok) throw new Error(w.reason);
	if (orgId) deps.badges.repo.setWorkshopOrganisation(w.value.id, orgId);
	const wid = w.value.id;
	const boardId = w.value.activeActivityId!;
	const fac: EventActor = { role: 'facilitator', id: userId };
	const people = Object.fromEntries(
		names.map((nick) => {
			const p = deps.services.join(deps.repos.workshops.get(wid)!, nick);
			if (!p.ok) throw new Error(p.reason);
			return [nick, { role: 'participant', id: p.value.id } as EventActor];
		})
	);
	return {
		wid,
		boardId,
		fac,
		people,
		card: (who: EventActor, text: string) => (run('card:create', who, wid, { boardId, text }) as { card: { id: string } }).card.id,
		phase: (phase: string) => run('activity:phase', fac, wid, { activityId: boardId, phase }),
		vote: (who: EventActor, itemId: string) => run('vote:cast', who, wid, { boardId, itemId, delta: 1 }),
		close: () => run('workshop:close', fac, wid, {})
	};
}

const lineFor = (lines: NonNullable<ReturnType<Deps['badges']['pending']>>, participantId: string, key: string) =>
	lines.find((l) => l.participantId === participantId && deps.badges.repo.achievement(l.achievementId)!.key === key);

/** Every text cell of every table, for "no trace" checks. */
function everyText(): string {
	const tables = deps.sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all() as { name: string }[];
	return JSON.stringify(tables.map(({ name }) => deps.sqlite.prepare(`select * from "${name}"`).all()), (_k, v) => (Buffer.isBuffer(v) ? '<blob>' : v));
}

describe('badges: from a workshop to verifiable credentials', () => {
	it('proposes from the log, issues on delivery, verifies twice, revokes, and refuses what it must', async () => {
		const owner = await account('owner');
		const orgId = await organisation(owner);
		// The key is a file under the data folder, readable by the server alone; the database has only its public half.
		const [key] = deps.badges.repo.keys(orgId);
		const keyFile = path.join(dataDir, 'keys', orgId, `${key.id}.json`);
		expect(statSync(keyFile).mode & 0o777).toBe(0o600);
		expect(everyText()).not.toContain('secretKeyMultibase');
		// Every module's starter achievements were seeded.
		const keys = deps.badges.repo.achievementsOf(orgId).map((a) => a.key);
		expect(keys).toEqual(expect.arrayContaining(['took-part', 'returning', 'co-creation', 'idea-giver', 'feedback-giver', 'session-host', 'barcamp-veteran']));

		// An organisation aligns an achievement to an ESCO skill; a made-up address is refused.
		const ideaGiver = deps.badges.repo.achievementsOf(orgId).find((a) => a.key === 'idea-giver')!;
		const esco = { name: 'think creatively', url: 'http://data.europa.eu/esco/skill/0b4d7f0e-7c0f-4d1c-8f5e-1e8b8f3e0a11' };
		expect(deps.badges.updateAchievement(owner, ideaGiver.id, { lang: 'en', name: 'Idea giver', description: 'Gave ideas', criteria: 'Three cards kept', esco: { name: 'x', url: 'https://evil.example/skill' } })).toEqual({ ok: false, reason: 'esco_invalid' });
		expect(deps.badges.updateAchievement(owner, ideaGiver.id, { lang: 'en', name: 'Idea giver', description: 'Gave ideas', criteria: 'Three cards kept', esco })).toEqual({ ok: true, value: null });

		const w = workshop(owner, orgId, ['Ada', 'Ben', 'Cem']);
		const { Ada, Ben, Cem } = w.people;
		const adas = [w.card(Ada, 'Robotik-AG'), w.card(Ada, 'Mehr Pausen'), w.card(Ada, 'Lötkurs')];
		const bens = [w.card(Ben, 'Idee eins'), w.card(Ben, 'Idee zwei'), w.card(Ben, 'Idee drei')];
		// Ben deletes one: two cards that still count are not enough for "idea giver".
		run('card:delete', Ben, w.wid, { cardId: bens[2] });
		w.phase('reveal');
		w.phase('group');
		w.phase('vote');
		for (const id of [bens[0], bens[1], adas[0]]) w.vote(Ada, id);
		// Before the workshop closes nothing is proposed and nothing can be confirmed.
		expect(await deps.badges.decide(w.wid, owner, [], ORIGIN)).toEqual({ ok: false, reason: 'not_closed' });
		w.close();

		const lines = deps.badges.pending(w.wid)!;
		expect(lineFor(lines, Ada.id, 'took-part')).toBeTruthy();
		expect(lineFor(lines, Ada.id, 'idea-giver')?.why).toEqual({ rule: 'idea_giver', count: 3 });
		expect(lineFor(lines, Ada.id, 'feedback-giver')?.why).toEqual({ rule: 'feedback_giver', count: 3 });
		expect(lineFor(lines, Ada.id, 'co-creation')?.tier).toBe('confirm');
		expect(lineFor(lines, Ben.id, 'took-part')).toBeTruthy();
		expect(lineFor(lines, Ben.id, 'idea-giver')).toBeUndefined();
		// Cem joined and did nothing: no award.
		expect(lines.filter((l) => l.participantId === Cem.id)).toEqual([]);
		// Asking again proposes nothing twice.
		expect(deps.badges.pending(w.wid)!.length).toBe(lines.length);

		// A facilitator of another organisation (even one running the workshop) cannot confirm; nothing changes.
		const stranger = await account('stranger');
		await organisation(stranger, 'Other');
		deps.repos.workshops.addMember(w.wid, stranger, 'cofacilitator', Date.now());
		const before = everyText();
		expect(await deps.badges.decide(w.wid, stranger, lines.map((l) => l.awardId), ORIGIN)).toEqual({ ok: false, reason: 'not_member' });
		expect(everyText()).toBe(before);

		// Nothing is issued before the confirmation; the facilitator leaves Ben's took-part out and ticks the degree.
		expect(deps.badges.participantAwards(w.wid, Ada.id)!.awards).toEqual([]);
		const ticked = lines.filter((l) => l.participantId === Ada.id).map((l) => l.awardId);
		expect(await deps.badges.decide(w.wid, owner, ticked, ORIGIN)).toEqual({ ok: true, value: { confirmed: ticked.length, removed: lines.length - ticked.length } });
		expect(deps.badges.participantAwards(w.wid, Ben.id)!.awards).toEqual([]);

		// Ada takes her badges home: a new backpack with a recovery code shown once, and one credential per award.
		const home = await deps.badges.takeHome(w.wid, Ada.id, undefined, ORIGIN);
		if (!home.ok) throw new Error(home.reason);
		expect(home.value.recoveryCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
		expect(home.value.issued).toBe(ticked.length);
		expect(everyText()).not.toContain(home.value.recoveryCode!.replace(/-/g, ''));
		const creds = deps.badges.repo.credentialsOfLearner(home.value.learnerId);
		expect(creds.length).toBe(ticked.length);

		for (const c of creds) {
			const vc = JSON.parse(c.json);
			expect(checkShape(vc).ok, JSON.stringify(checkShape(vc).issues)).toBe(true);
			expect(vc.id).toBe(`${ORIGIN}/credentials/${c.id}.json`);
			expect(vc.issuer.id).toMatch(/^did:key:z6Mk/);
			expect(vc.issuer.image).toEqual({ id: `${ORIGIN}/orgs/${orgId}/logo`, type: 'Image' });
			expect(vc.credentialSubject.id).toBe(`urn:uuid:${home.value.learnerId}`);
			if (vc.credentialSubject.achievement.id.endsWith(ideaGiver.id)) expect(vc.credentialSubject.achievement.alignment).toEqual([{ type: ['Alignment'], targetName: esco.name, targetUrl: esco.url, targetFramework: 'ESCO' }]);
			expect((await deps.badges.verify(c.json)).verified).toBe(true);
			expect(await independentlyVerified(vc, () => null)).toBe(true);
		}

		// Changing any field after signing makes both verifiers fail.
		const one = JSON.parse(creds[0].json);
		for (const edit of [(v: any) => (v.credentialSubject.achievement.name = 'Nobelpreis'), (v: any) => (v.validFrom = '2020-01-01T00:00:00Z'), (v: any) => (v.credentialSubject.id = 'urn:uuid:00000000-0000-4000-8000-000000000000')]) {
			const forged = structuredClone(one);
			edit(forged);
			const report = await deps.badges.verify(JSON.stringify(forged));
			expect(report.verified).toBe(false);
			expect(report.proof).toBe('failed');
			expect(await independentlyVerified(forged, () => null)).toBe(false);
		}
		// Garbage and foreign contexts get an answer, not a crash.
		expect((await deps.badges.verify('not json')).problems).toContain('not_json');
		expect((await deps.badges.verify(JSON.stringify({ ...one, '@context': [...one['@context'], 'https://evil.example/ctx.json'] }))).problems).toContain('context_not_local');

		// Revocation: only a member of the issuer, with a reason; then the credential verifies as revoked.
		expect(deps.badges.revoke(stranger, creds[0].id, 'no')).toEqual({ ok: false, reason: 'not_member' });
		expect(deps.badges.revoke(owner, creds[0].id, '  ')).toEqual({ ok: false, reason: 'reason_empty' });
		expect(deps.badges.revoke(owner, creds[0].id, 'Karte war nicht von ihr')).toEqual({ ok: true, value: null });
		const revoked = await deps.badges.verify(creds[0].json);
		expect(revoked.status).toBe('revoked');
		expect(revoked.verified).toBe(false);
		expect((await deps.badges.verify(creds[1].json)).status).toBe('active');

		// A key rotation keeps what the old key signed verifiable, and new credentials use a new list of the new key.
		expect((await deps.badges.rotateKey(owner, orgId)).ok).toBe(true);
		expect((await deps.badges.verify(creds[1].json)).verified).toBe(true);
		expect((await deps.badges.verify(creds[0].json)).status).toBe('revoked');

		// Share links: scoped, and gone once stopped.
		const share = deps.badges.createShare(home.value.learnerId, [creds[1].id], 30);
		if (!share.ok) throw new Error(share.reason);
		const shared = deps.badges.sharedCv(share.value.id, 'de', ORIGIN);
		expect(shared.state).toBe('ok');
		expect(shared.state === 'ok' && shared.cv.count).toBe(1);
		expect(deps.badges.createShare(home.value.learnerId, ['not-mine'], 30)).toEqual({ ok: false, reason: 'nothing_chosen' });
		expect(deps.badges.createShare(home.value.learnerId, [creds[1].id], 3)).toEqual({ ok: false, reason: 'days_invalid' });
		deps.badges.revokeShare(home.value.learnerId, share.value.id);
		expect(deps.badges.sharedCv(share.value.id, 'de', ORIGIN).state).toBe('revoked');
		const old = deps.badges.createShare(home.value.learnerId, [creds[1].id], 7, Date.now() - 8 * 86_400_000);
		expect(old.ok && deps.badges.sharedCv(old.value.id, 'de', ORIGIN).state).toBe('expired');
		expect(deps.badges.sharedCv('no-such-link-at-all', 'de', ORIGIN).state).toBe('unknown');

		// Exports: a CLR of the shown credentials, signed, verifying with both verifiers; a zip; a PDF.
		const clr = await deps.badges.exportCv(home.value.learnerId, 'clr', { lang: 'de', origin: ORIGIN, holderName: null, skillLabel: (s) => s });
		const clrDoc = JSON.parse(String(clr!.body));
		expect(checkShape(clrDoc).kind).toBe('clr');
		// One of its credentials is revoked: it is left out, so the bundle verifies.
		expect(clrDoc.credentialSubject.verifiableCredential.length).toBe(creds.length - 1);
		expect((await deps.badges.verify(String(clr!.body))).verified).toBe(true);
		expect(await independentlyVerified(clrDoc, () => null)).toBe(true);
		const pdf = await deps.badges.exportCv(home.value.learnerId, 'pdf', { lang: 'de', origin: ORIGIN, holderName: 'Ada', skillLabel: (s) => s });
		expect(Buffer.from(pdf!.body as Uint8Array).subarray(0, 5).toString()).toBe('%PDF-');
		expect(await deps.badges.exportCv(home.value.learnerId, 'docx', { lang: 'de', origin: ORIGIN, holderName: null, skillLabel: (s) => s })).toBeNull();
	});

	it('counts a backpack brought to a second workshop towards a cross-workshop achievement', async () => {
		const owner = await account('cross');
		const orgId = await organisation(owner, 'Makerspace');
		const first = workshop(owner, orgId, ['Lea']);
		first.card(first.people.Lea, 'Idee');
		first.close();
		const lines1 = deps.badges.pending(first.wid)!;
		await deps.badges.decide(first.wid, owner, lines1.map((l) => l.awardId), ORIGIN);
		const home = await deps.badges.takeHome(first.wid, first.people.Lea.id, undefined, ORIGIN);
		if (!home.ok) throw new Error(home.reason);
		expect(lineFor(lines1, first.people.Lea.id, 'returning')).toBeUndefined();

		// The same person joins a second workshop and brings the backpack (the device token is hers).
		const second = workshop(owner, orgId, ['Lea B']);
		const lea2 = second.people['Lea B'];
		deps.badges.bringBackpack(lea2.id, second.wid, home.value.learnerId);
		second.card(lea2, 'Noch eine Idee');
		second.close();
		const lines2 = deps.badges.pending(second.wid)!;
		const returning = lineFor(lines2, lea2.id, 'returning');
		expect(returning?.why).toEqual({ rule: 'workshops', count: 2 });
		expect(returning?.linked).toBe(true);
		// Took part here too, but "took part" is per workshop; "returning" is not proposed twice.
		await deps.badges.decide(second.wid, owner, lines2.map((l) => l.awardId), ORIGIN);
		// Delivered straight to the backpack: nothing to take home again.
		const names = deps.badges.cv(home.value.learnerId, 'en', ORIGIN);
		const all = [...names.degrees, ...names.groups.flatMap((g) => g.entries)].map((e) => e.name);
		expect(all.length).toBe(deps.badges.repo.credentialsOfLearner(home.value.learnerId).length);
		expect(deps.badges.repo.credentialsOfLearner(home.value.learnerId).some((c) => c.awardId === returning!.awardId)).toBe(true);
		// Asking again does not propose "returning" once more.
		expect(deps.badges.pending(second.wid)!.filter((l) => lineFor([l], lea2.id, 'returning')).length).toBe(1);
	});

	it('opens a backpack with its recovery code only, throttles guessing, and erases a learner without a trace', async () => {
		const owner = await account('erase');
		const orgId = await organisation(owner, 'Jugendhaus');
		const w = workshop(owner, orgId, ['Mia']);
		w.card(w.people.Mia, 'Idee');
		w.close();
		const decided = deps.badges.pending(w.wid)!.map((l) => l.awardId);
		await deps.badges.decide(w.wid, owner, decided, ORIGIN);
		// A double tap on "take my badges home": one backpack, one credential per award, not two.
		const [home, again] = await Promise.all([deps.badges.takeHome(w.wid, w.people.Mia.id, undefined, ORIGIN), deps.badges.takeHome(w.wid, w.people.Mia.id, undefined, ORIGIN)]);
		if (!home.ok || !again.ok) throw new Error('take home failed');
		expect(again.value.learnerId).toBe(home.value.learnerId);
		expect(again.value.recoveryCode).toBeNull();
		expect(deps.badges.repo.credentialsOfLearner(home.value.learnerId).length).toBe(decided.length);
		const code = home.value.recoveryCode!;
		// The pseudonym's "your data" lists its awards too.
		expect(deps.services.myData(w.wid, w.people.Mia.id)!.badges).toEqual(expect.arrayContaining([{ name: 'Dabei gewesen', status: 'confirmed' }]));

		// Typed loosely (lower case, spaces, O for 0) it still opens; a wrong one says so, then the IP is throttled.
		const loose = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
		expect(deps.badges.openWithCode('10.99.0.1', loose).ok).toBe(true);
		expect(deps.badges.openWithCode('10.99.0.2', 'too short')).toEqual({ ok: false, reason: 'code_invalid' });
		const wrong = code.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
		const t = Date.now();
		const answers = Array.from({ length: 31 }, () => deps.badges.openWithCode('10.99.0.3', wrong, t));
		expect(answers.slice(0, 30).every((a) => !a.ok && a.reason === 'code_unknown')).toBe(true);
		expect(answers[30]).toEqual({ ok: false, reason: 'rate_limited' });
		// Even the right code is refused while that IP is throttled (nothing is learnt by trying).
		expect(deps.badges.openWithCode('10.99.0.3', code, t)).toEqual({ ok: false, reason: 'rate_limited' });
		// Two seconds later the address may try once more.
		expect(deps.badges.openWithCode('10.99.0.3', code, t + 2000).ok).toBe(true);

		deps.badges.bindIdentity(home.value.learnerId, { email: 'mia@example.org' });
		const creds = deps.badges.repo.credentialsOfLearner(home.value.learnerId);
		const bits = creds.map((c) => ({ list: c.statusList, index: c.statusIndex }));
		deps.badges.eraseLearner(home.value.learnerId);
		// No trace of the learner: not their id, not their credentials' JSON, not their link, code or e-mail hash.
		const text = everyText();
		expect(text).not.toContain(home.value.learnerId);
		for (const c of creds) expect(text).not.toContain(c.id);
		expect(text).not.toContain('mia@example.org');
		expect(deps.badges.repo.linkOf(w.people.Mia.id)).toBeUndefined();
		// ... but the status bits stay set, so a copy someone kept verifies as revoked.
		for (const b of bits) {
			const list = deps.badges.repo.statusList(b.list)!;
			expect(getBit(new Uint8Array(list.bits), b.index)).toBe(true);
		}
		const report = await deps.badges.verify(creds[0].json);
		expect(report.status).toBe('revoked');
		// The published list says the same (what an outside verifier reads).
		const published = JSON.parse((await deps.badges.statusListCredential(orgId, bits[0].list, ORIGIN))!);
		expect(getBit(decodeBitstring(published.credentialSubject.encodedList)!, bits[0].index)).toBe(true);
		expect(readdirSync(path.join(dataDir, 'keys', orgId)).length).toBeGreaterThan(0);
	});
});
