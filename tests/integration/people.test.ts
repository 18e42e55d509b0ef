import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { nicknameKey } from '../../src/lib/domain/nickname';
import { boardRepo } from '../../server/features/board/repo';
import { connect, eventually, type ClientSocket, key, makeFacilitator, makeParticipant, makeWorkshop, replica, send, sendOk, startServer } from './harness';

type Server = Awaited<ReturnType<typeof startServer>>;

/** The staff's people list (a read: no idempotency key). */
async function people(socket: ClientSocket, locale: 'en' | 'de' | 'fr'): Promise<any> {
	const r = await send(socket, 'people:list', { locale });
	if (!r.ok) throw new Error(`people:list refused: ${r.error}`);
	return r.data;
}

describe('people: the staff see, rename and remove participants; one nickname per workshop', () => {
	let s: Server;
	let owner: Awaited<ReturnType<typeof makeFacilitator>>;

	beforeAll(async () => {
		s = await startServer();
		owner = await makeFacilitator(s.deps, 'Olive');
	});
	afterAll(() => s.close());

	/** A workshop with its board in Collect (cards visible at once), the owner connected. */
	async function room() {
		const w = makeWorkshop(s.deps, owner.user.id);
		const boards = boardRepo(s.deps);
		const b = boards.board(w.activeActivityId!)!;
		boards.saveBoard({ ...b, settings: { ...b.settings, privateUntilReveal: false } });
		const o = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, owner.cookie);
		return { w, boardId: b.id, o };
	}

	it('lists the people by name, online or not, with what each module counts for them', async () => {
		const { w, boardId, o } = await room();
		const zoe = makeParticipant(s.deps, w.id, 'zoé');
		const ann = makeParticipant(s.deps, w.id, 'Ann');
		makeParticipant(s.deps, w.id, 'Bea');
		const phone = await connect(s.url, { workshopId: w.id, as: 'participant' }, zoe.cookie);
		await sendOk(phone, 'card:create', { boardId, text: 'one' });
		await sendOk(phone, 'card:create', { boardId, text: 'two' });
		const phone2 = await connect(s.url, { workshopId: w.id, as: 'participant' }, ann.cookie);
		await sendOk(phone2, 'card:create', { boardId, text: 'three' });
		const { people: list, labels } = (await people(o, 'en')) as { people: { nickname: string; online: boolean; counts: Record<string, number> }[]; labels: { key: string; label: string }[] };
		// Sorted by name whatever the case; the modules' labels in the language asked for.
		expect(list.map((p) => p.nickname)).toEqual(['Ann', 'Bea', 'zoé']);
		expect(list.map((p) => p.online)).toEqual([true, false, true]);
		expect(list.map((p) => p.counts['board.cards'] ?? 0)).toEqual([1, 0, 2]);
		expect(labels.map((l) => l.key)).toEqual(expect.arrayContaining(['board.cards', 'board.votes', 'barcamp.proposals', 'barcamp.interest']));
		expect(labels.find((l) => l.key === 'board.cards')?.label).toBe('Cards');
		const fr = await people(o, 'fr');
		expect(fr.labels.find((l: { key: string }) => l.key === 'board.cards')?.label).toBe('Cartes');
		// A participant may not ask.
		const refused = await send(phone, 'people:list', { locale: 'en' });
		expect(refused.ok ? 'ok' : refused.error).toBe('forbidden');
		for (const c of [o, phone, phone2]) c.close();
	});

	it('renaming shows the new name on the phone and on the room document, and keeps names unique', async () => {
		const { w, boardId, o } = await room();
		const rude = makeParticipant(s.deps, w.id, 'Rude Name');
		makeParticipant(s.deps, w.id, 'Kim');
		const phone = await connect(s.url, { workshopId: w.id, as: 'participant' }, rude.cookie);
		await sendOk(phone, 'card:create', { boardId, text: 'hello' });
		const r = replica(s.url, w.id, 'staff', owner.cookie);
		await r.synced;
		const authors = () => [...r.cards().values()].map((c) => (c as { authorName: string }).authorName);
		expect(authors()).toEqual(['Rude Name']);
		const me: string[] = [];
		phone.on('me', (m) => me.push(m.nickname));

		// Taken by someone else (in another case), empty, too long: refused, nothing changes.
		for (const [nickname, error] of [[' kim ', 'nickname_taken'], ['   ', 'nickname_empty'], ['x'.repeat(30), 'nickname_too_long']] as const) {
			const bad = await send(o, 'participant:rename', { key: key(), participantId: rude.id, nickname });
			expect(bad.ok ? 'ok' : bad.error, nickname).toBe(error);
		}
		expect(s.deps.repos.workshops.participant(rude.id)?.nickname).toBe('Rude Name');

		expect(await sendOk(o, 'participant:rename', { participantId: rude.id, nickname: 'Sam' })).toEqual({ participantId: rude.id, nickname: 'Sam' });
		await eventually(() => me.includes('Sam'), 5000, "the phone's new name");
		await eventually(() => authors()[0] === 'Sam', 5000, "the card's new author name");
		// The old name is free again; the new one is taken.
		expect(s.deps.services.join(s.deps.repos.workshops.get(w.id)!, 'rude name').ok).toBe(true);
		const again = s.deps.services.join(s.deps.repos.workshops.get(w.id)!, 'SAM');
		expect(again.ok ? 'ok' : again.reason).toBe('nickname_taken');
		const kinds = s.deps.sqlite.prepare('select kind, owner_id as owner, actor_role as role from participation_events where workshop_id = ? and kind like ?').all(w.id, '%renamed') as unknown[];
		expect(kinds).toEqual([{ kind: 'workshop.participant.renamed', owner: rude.id, role: 'facilitator' }]);
		r.destroy();
		o.close();
		phone.close();
	});

	it('removing (content kept) closes the socket and the replica at once, bans the device, and keeps the cards under "Removed person"', async () => {
		const { w, boardId, o } = await room();
		const p = makeParticipant(s.deps, w.id, 'Troll');
		const phone = await connect(s.url, { workshopId: w.id, as: 'participant' }, p.cookie);
		const card = await sendOk(phone, 'card:create', { boardId, text: 'kept text' });
		const r = replica(s.url, w.id, 'public', p.cookie);
		await r.synced;
		const ended: string[] = [];
		phone.on('session:ended', (e) => ended.push(e.reason));
		let disconnected = false;
		phone.on('disconnect', () => (disconnected = true));
		let replicaClosed = false;
		r.provider.on('connection-close', () => (replicaClosed = true));

		expect(await sendOk(o, 'participant:remove', { participantId: p.id, content: 'keep' })).toEqual({ participantId: p.id, content: 'keep' });
		await eventually(() => disconnected, 5000, 'the removed phone disconnected');
		await eventually(() => replicaClosed, 5000, "the removed phone's replica closed");
		expect(ended).toEqual(['removed']);
		r.destroy();

		// The device cannot come back: not with its cookie (socket, page), and the join page knows why.
		await expect(connect(s.url, { workshopId: w.id, as: 'participant' }, p.cookie)).rejects.toThrow();
		const token = p.cookie.split('=')[1];
		expect(s.deps.repos.workshops.participantByToken(w.id, token)).toBeNull();
		expect(s.deps.repos.workshops.removedByToken(w.id, token)).toBe(true);
		// The card stays, signed as a removed person; the name Troll is free again.
		expect(boardRepo(s.deps).card(card.card.id)?.text).toBe('kept text');
		const staff = replica(s.url, w.id, 'staff', owner.cookie);
		await staff.synced;
		expect((staff.cards().get(card.card.id) as { authorName: string }).authorName).toBe('Removed person');
		staff.destroy();
		expect(s.deps.services.join(s.deps.repos.workshops.get(w.id)!, 'Troll').ok).toBe(true);
		// Gone from the list; a second removal (a resend after a reconnect) is done already and logs nothing new.
		const list = await people(o, 'en');
		expect(list.people.map((x: { nickname: string }) => x.nickname)).toEqual(['Troll']);
		const twice = await send(o, 'participant:remove', { key: key(), participantId: p.id, content: 'keep' });
		expect(twice.ok ? 'ok' : twice.error).toBe('ok');
		const ev = s.deps.sqlite.prepare('select subject_id as subject, payload from participation_events where workshop_id = ? and kind = ?').all(w.id, 'workshop.participant.removed');
		expect(ev).toEqual([{ subject: p.id, payload: JSON.stringify({ content: 'keep' }) }]);
		o.close();
	});

	it('removing (content erased) erases through the same path as "erase my data", and the device stays banned', async () => {
		const { w, boardId, o } = await room();
		const p = makeParticipant(s.deps, w.id, 'Spammer');
		const phone = await connect(s.url, { workshopId: w.id, as: 'participant' }, p.cookie);
		const card = await sendOk(phone, 'card:create', { boardId, text: 'spam spam' });
		await sendOk(o, 'participant:rename', { participantId: p.id, nickname: 'Renamed Spammer' });
		let disconnected = false;
		phone.on('disconnect', () => (disconnected = true));
		await sendOk(o, 'participant:remove', { participantId: p.id, content: 'erase' });
		await eventually(() => disconnected, 5000, 'the removed phone disconnected');
		expect(boardRepo(s.deps).card(card.card.id)).toBeFalsy();
		// Nothing of the person is left: no nickname, no text, no events naming them; only the banned cookie's hash.
		const hits = s.deps.sqlite.prepare("select count(*) as n from participation_events where actor_id = ? or owner_id = ? or subject_id = ?").get(p.id, p.id, p.id) as { n: number };
		expect(hits.n).toBe(0);
		expect(s.deps.repos.workshops.participantRow(p.id)).toBeNull();
		const rows = s.deps.sqlite.prepare('select nickname, removed_at as removedAt from participants where workshop_id = ?').all(w.id) as { nickname: string; removedAt: number | null }[];
		expect(rows).toEqual([{ nickname: '', removedAt: expect.any(Number) }]);
		const token = p.cookie.split('=')[1];
		expect(s.deps.repos.workshops.removedByToken(w.id, token)).toBe(true);
		await expect(connect(s.url, { workshopId: w.id, as: 'participant' }, p.cookie)).rejects.toThrow();
		// The removed-and-erased row does not count as a person.
		expect(s.deps.repos.workshops.countParticipants(w.id)).toBe(0);
		o.close();
	});

	it('a co-facilitator may remove and rename too; a participant may do neither', async () => {
		const { w, o } = await room();
		const cofac = await makeFacilitator(s.deps);
		s.deps.services.acceptInvite(w.inviteToken, cofac.user.id);
		const c = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, cofac.cookie);
		const a = makeParticipant(s.deps, w.id, 'Ada');
		const b = makeParticipant(s.deps, w.id, 'Bob');
		const phone = await connect(s.url, { workshopId: w.id, as: 'participant' }, b.cookie);
		for (const [name, payload] of [
			['participant:rename', { key: key(), participantId: a.id, nickname: 'X' }],
			['participant:remove', { key: key(), participantId: a.id, content: 'erase' }]
		] as const) {
			const r = await send(phone, name, payload as never);
			expect(r.ok ? 'ok' : r.error).toBe('forbidden');
		}
		expect(s.deps.repos.workshops.participant(a.id)?.nickname).toBe('Ada');
		await sendOk(c, 'participant:rename', { participantId: a.id, nickname: 'Ada L' });
		await sendOk(c, 'participant:remove', { participantId: a.id, content: 'keep' });
		// Someone of another workshop is not found here.
		const other = makeWorkshop(s.deps, owner.user.id);
		const stranger = makeParticipant(s.deps, other.id, 'Stranger');
		const r = await send(c, 'participant:remove', { key: key(), participantId: stranger.id, content: 'keep' });
		expect(r.ok ? 'ok' : r.error).toBe('not_found');
		expect(s.deps.repos.workshops.participant(stranger.id)?.nickname).toBe('Stranger');
		for (const x of [o, c, phone]) x.close();
	});

	it('two joins with one nickname (other case, spaces, composed or not): exactly one wins', () => {
		const w = makeWorkshop(s.deps, owner.user.id);
		const first = s.deps.services.join(w, 'Léa');
		const second = s.deps.services.join(w, '  LE\u0301A ');
		expect([first.ok, second.ok]).toEqual([true, false]);
		expect(second.ok ? 'ok' : second.reason).toBe('nickname_taken');
		// Another workshop may have a Léa too.
		expect(s.deps.services.join(makeWorkshop(s.deps, owner.user.id), 'Léa').ok).toBe(true);
	});

	it('two connections writing the same nickname at once: the unique index lets exactly one in', () => {
		const w = makeWorkshop(s.deps, owner.user.id);
		// A second connection to the same file, as a second process would have: the rule is the index, not the code.
		const other = new Database(s.deps.sqlite.name);
		other.pragma('busy_timeout = 2000');
		const insert = other.prepare('insert into participants (id, workshop_id, nickname, nickname_key, token_hash, created_at) values (?, ?, ?, ?, ?, ?)');
		const a = s.deps.services.join(w, 'Max');
		expect(() => insert.run('x1', w.id, 'MAX', nicknameKey('MAX'), 'hash-x1', Date.now())).toThrow(/UNIQUE/);
		other.close();
		expect(a.ok).toBe(true);
		expect(s.deps.repos.workshops.countParticipants(w.id)).toBe(1);
	});

	it('nicknameKey: case, surrounding and repeated spaces and composition never make two names', () => {
		fc.assert(
			fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.nat(3), fc.nat(3), (name, before, after) => {
				const variant = ' '.repeat(before) + name.normalize('NFD').toUpperCase() + ' '.repeat(after);
				return nicknameKey(variant) === nicknameKey(name.toUpperCase()) && nicknameKey(name.toLowerCase()) === nicknameKey(name.toLowerCase().normalize('NFD'));
			})
		);
		expect(nicknameKey('Léa')).toBe(nicknameKey(' LE\u0301A  '));
		expect(nicknameKey('Ann Lee')).toBe(nicknameKey('ann   lee'));
		expect(nicknameKey('Ann')).not.toBe(nicknameKey('Anne'));
	});
});
