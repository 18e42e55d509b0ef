import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { endSession } from '../../src/lib/server/session';
import { connect, eventually, HEALTHZ_RESET_TOKEN, key, makeFacilitator, makeParticipant, makeWorkshop, searchDatabase, searchFiles, send, sendOk, startServer, walEmpty } from './harness';
import { boardRepo } from '../../server/features/board/repo';

type Server = Awaited<ReturnType<typeof startServer>>;

/** Sends a raw HTTP upgrade and resolves with what the server wrote and whether it closed the connection. */
function rawUpgrade(port: number, path: string): Promise<{ response: string; closed: boolean }> {
	return new Promise((resolve, reject) => {
		const sock = net.connect(port, '127.0.0.1');
		let response = '';
		const t = setTimeout(() => {
			sock.destroy();
			resolve({ response, closed: false });
		}, 3000);
		sock.on('data', (d) => (response += d));
		sock.on('error', reject);
		sock.on('close', () => {
			clearTimeout(t);
			resolve({ response, closed: true });
		});
		sock.write(
			`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
				'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'
		);
	});
}

/** Opens a websocket and resolves with the open socket, or with the HTTP status it was refused with. */
function openWs(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket } | { status: number }> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { headers });
		ws.once('open', () => resolve({ ws }));
		ws.once('unexpected-response', (_req, res) => {
			resolve({ status: res.statusCode ?? 0 });
			ws.terminate();
		});
		ws.once('error', reject);
	});
}

describe('upgrades: one owner each, and a ceiling per IP', () => {
	let s: Server;
	beforeAll(async () => {
		s = await startServer(undefined, { maxConnectionsPerIp: 6 });
	});
	afterAll(async () => {
		await s.close();
	});

	it('answers an upgrade on an unknown path with 400 and closes it', async () => {
		for (const path of ['/anything', '/', '/yjsx/a/public', '/socket.iox/']) {
			const r = await rawUpgrade(s.port, path);
			expect(r.response, path).toMatch(/^HTTP\/1\.1 400 /);
			expect(r.closed, path).toBe(true);
		}
	});

	it('counts raw engine.io connections that never finish the socket.io handshake and Yjs connections against one ceiling', async () => {
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const p = makeParticipant(s.deps, w.id);
		const ws = s.url.replace('http', 'ws');
		const engine = `${ws}/socket.io/?EIO=4&transport=websocket`;
		const yjs = `${ws}/yjs/${w.id}/public`;
		const open: WebSocket[] = [];
		for (let i = 0; i < 3; i++) {
			const r = await openWs(engine);
			if (!('ws' in r)) throw new Error(`engine.io connection ${i} refused with ${r.status}`);
			open.push(r.ws);
		}
		for (let i = 0; i < 3; i++) {
			const r = await openWs(yjs, { cookie: p.cookie });
			if (!('ws' in r)) throw new Error(`Yjs connection ${i} refused with ${r.status}`);
			open.push(r.ws);
		}
		expect(s.realtime.limits.openOf('127.0.0.1')).toBe(6);
		// The seventh is refused on either path, and so is a full socket.io client.
		// (engine.io answers every refused upgrade with 400.)
		expect(await openWs(engine)).toEqual({ status: 400 });
		expect(await openWs(yjs, { cookie: p.cookie })).toEqual({ status: 429 });
		await expect(connect(s.url, { workshopId: w.id, as: 'participant' }, p.cookie)).rejects.toThrow();
		// Closing one frees its place.
		open.pop()!.close();
		await eventually(() => s.realtime.limits.openOf('127.0.0.1') === 5, 3000, 'a released place');
		const again = await openWs(yjs, { cookie: p.cookie });
		expect('ws' in again).toBe(true);
		if ('ws' in again) open.push(again.ws);
		for (const c of open) c.terminate();
		await eventually(() => s.realtime.limits.openOf('127.0.0.1') === 0, 3000, 'every place released');
	});
});

describe('health statistics', () => {
	let s: Server;
	beforeAll(async () => {
		s = await startServer();
	});
	afterAll(async () => {
		await s.close();
	});

	it('are reset only with the configured token', async () => {
		s.realtime.gateway.commandTime.record(5_000_000);
		const stats = async () => ((await (await fetch(`${s.url}/healthz`)).json()) as { commands: { count: number } }).commands.count;
		expect(await stats()).toBe(1);
		await fetch(`${s.url}/healthz?reset=1`);
		await fetch(`${s.url}/healthz?reset=wrong`);
		expect(await stats()).toBe(1);
		await fetch(`${s.url}/healthz?reset=${HEALTHZ_RESET_TOKEN}`);
		expect(await stats()).toBe(0);
	});
});

describe('erasure and sign-in', () => {
	let s: Server;
	beforeAll(async () => {
		s = await startServer();
	});
	afterAll(async () => {
		await s.close();
	});

	it('after "erase my data" the nickname, texts and pseudonym id are found nowhere in the database file or its write-ahead log', async () => {
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const nickname = 'Qwyzzelbert';
		const p = makeParticipant(s.deps, w.id, nickname);
		const phone = await connect(s.url, { workshopId: w.id, as: 'participant' }, p.cookie);
		const staff = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, fac.cookie);
		const texts = ['Plinkorama water fountains', 'Zorblatt bike racks'];
		const ids: string[] = [];
		for (const text of texts) {
			const r = await send(phone, 'card:create', { key: key(), boardId: w.activeActivityId!, text });
			expect(r.ok).toBe(true);
			ids.push(r.ok && r.data.card.id);
		}
		// The facilitator corrects a typo: the edit's stored result carries the new text and the author's nickname.
		const edited = 'Plinkorama water fountains (fixed)';
		const editKey = key();
		expect((await send(staff, 'card:update', { key: editKey, cardId: ids[0], text: edited })).ok).toBe(true);
		texts.push(edited);
		// The facilitator's moderation is logged with the card's author as its owner: that link must go too.
		expect((await send(staff, 'card:moderate', { key: key(), cardId: ids[1], action: 'hide' })).ok).toBe(true);
		const log = () => s.deps.repos.participation.ofWorkshop(w.id);
		expect(log().filter((e) => e.actorId === p.id || e.ownerId === p.id).length).toBeGreaterThan(0);
		expect((await send(phone, 'me:forget', { key: key() })).ok).toBe(true);
		phone.close();

		// The pseudonym's id too: no receipt and no log event may still point at the erased participant.
		const leftovers = () => searchFiles(s.deps.sqlite, [nickname, ...texts, p.id]);
		// The write-ahead log is checkpointed and truncated off the event loop after the erasure.
		await eventually(() => leftovers().length === 0, 5000, 'no trace of the participant').catch(() => {
			throw new Error(`still in the files: ${leftovers().join(', ')}`);
		});
		// The facilitator's own events stay (their log), without the link to the participant.
		expect(log().map((e) => e.kind)).toEqual(['workshop.activity.added', 'board.card.edited', 'board.card.hidden_by_facilitator']);
		expect(log().every((e) => e.ownerId === null && e.actorId === fac.user.id)).toBe(true);
		// A retry of the facilitator's edit does not bring the erased text back.
		const replay = await send(staff, 'card:update', { key: editKey, cardId: ids[0], text: edited });
		expect(replay).toEqual({ ok: false, error: 'not_found' });
		staff.close();
	});

	it('after "erase my data" a search of every table and column finds neither the nickname nor any card text, and the write-ahead log is truncated', async () => {
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const boardId = w.activeActivityId!;
		const nickname = 'Vexlingbrot';
		const p = makeParticipant(s.deps, w.id, nickname);
		const other = makeParticipant(s.deps, w.id, 'Stays');
		const phone = await connect(s.url, { workshopId: w.id, as: 'participant' }, p.cookie);
		const otherPhone = await connect(s.url, { workshopId: w.id, as: 'participant' }, other.cookie);
		const staff = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, fac.cookie);
		const ok = sendOk;
		const texts = ['Glimmerquatsch benches', 'Tromboloid shade sails', 'Glimmerquatsch benches!', 'Glimmerquatsch benches (tidied)'];
		const a = (await ok(phone, 'card:create', { boardId, text: texts[0] })).card.id;
		const b = (await ok(phone, 'card:create', { boardId, text: texts[1] })).card.id;
		await ok(phone, 'card:update', { cardId: a, text: texts[2] });
		const kept = (await ok(otherPhone, 'card:create', { boardId, text: 'Someone else keeps this' })).card.id;
		// A facilitator edits the participant's card: their receipt names the card, never its text or its author.
		await ok(staff, 'card:update', { cardId: a, text: texts[3] });
		const staffReceipts = JSON.stringify(s.deps.sqlite.prepare('select * from command_receipts where actor_id = ?').all(fac.user.id));
		for (const t of [nickname, ...texts]) expect(staffReceipts, t).not.toContain(t);
		await ok(staff, 'cluster:create', { boardId, title: 'Comfort', cardIds: [b] });
		await ok(staff, 'activity:phase', { activityId: boardId, phase: 'vote' });
		await ok(phone, 'vote:cast', { boardId, itemId: kept, delta: 1 });
		await ok(otherPhone, 'vote:cast', { boardId, itemId: a, delta: 1 });

		/** Every text and blob value of every table that contains one of the needles, as `table.column: needle`. */
		const search = (needles: string[]) => {
			const found = searchDatabase(s.deps.sqlite, needles);
			expect(found.tables.length).toBeGreaterThan(10);
			return found.hits;
		};
		const needles = [nickname, ...texts.slice(1), p.id];
		// The search finds what is there (the nickname, the texts still stored, the pseudonym's id) ...
		expect(search(needles)).toEqual(expect.arrayContaining([`participants.nickname: ${nickname}`, `cards.text: ${texts[1]}`, `cards.text: ${texts[3]}`, `participants.id: ${p.id}`]));
		expect((await send(phone, 'me:forget', { key: key() })).ok).toBe(true);
		phone.close();
		// ... and nothing once the participant is erased: no row of any table names them or holds their words.
		expect(search([...needles, texts[0], texts[2]])).toEqual([]);
		// Someone else's card and dot stay; the erased card the room saw stays as a placeholder (no text, no author)
		// with the dot on it (docs/SECURITY.md, "Erasure").
		expect(boardRepo(s.deps).card(kept)?.text).toBe('Someone else keeps this');
		expect(boardRepo(s.deps).card(a)).toMatchObject({ text: '', authorId: '', erasedAt: expect.any(Number) });
		expect(boardRepo(s.deps).myVotes(boardId, other.id)).toEqual({ [a]: 1 });
		// The write-ahead log, which held the erased rows' old pages, is checkpointed and truncated to nothing.
		await eventually(() => walEmpty(s.deps.sqlite), 5000, 'the write-ahead log truncated');
		otherPhone.close();
		staff.close();
	});

	it('the per-account sign-in throttle cannot be sidestepped with whitespace or case', async () => {
		const { services } = s.deps;
		expect((await services.signUp('10.0.0.1', 'Throttled Name', 'correct horse battery')).ok).toBe(true);
		// Five wrong passwords from five addresses use up the account's attempts.
		for (let i = 0; i < 5; i++) expect(await services.signIn(`10.0.1.${i}`, 'Throttled Name', 'wrong password!')).toEqual({ ok: false, reason: 'bad_credentials' });
		const variants = [' Throttled Name', 'Throttled Name\t', 'throttled name  ', '\u00a0THROTTLED NAME', 'Throttled  Name'];
		for (const [i, name] of variants.entries()) expect(await services.signIn(`10.0.2.${i}`, name, 'correct horse battery'), JSON.stringify(name)).toEqual({ ok: false, reason: 'rate_limited' });
	});
});

describe('limits that protect the room hold per participant, not per connection', () => {
	let s: Server;
	beforeAll(async () => {
		s = await startServer();
	});
	afterAll(async () => {
		await s.close();
	});

	it("one participant over several connections cannot fill the board: the facilitator's cards-per-person maximum holds over all of them", async () => {
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const boardId = w.activeActivityId!;
		const staff = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, fac.cookie);
		expect((await send(staff, 'board:update', { key: key(), boardId, settings: { maxCardsPerPerson: 5 } })).ok).toBe(true);
		const flooder = makeParticipant(s.deps, w.id, 'Flooder');
		const sockets = await Promise.all(Array.from({ length: 4 }, () => connect(s.url, { workshopId: w.id, as: 'participant' }, flooder.cookie)));
		const results = await Promise.all(sockets.flatMap((so, i) => Array.from({ length: 3 }, (_, j) => send(so, 'card:create', { key: key(), boardId, text: `flood ${i}-${j}` }))));
		expect(results.filter((r) => r.ok)).toHaveLength(5);
		expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual(Array(7).fill('card_limit'));
		// Somebody else still gets their card on the board, and so does the facilitator.
		const other = makeParticipant(s.deps, w.id, 'Other');
		const phone = await connect(s.url, { workshopId: w.id, as: 'participant' }, other.cookie);
		expect((await send(phone, 'card:create', { key: key(), boardId, text: 'my idea' })).ok).toBe(true);
		for (let i = 0; i < 6; i++) expect((await send(staff, 'card:create', { key: key(), boardId, text: `staff ${i}` })).ok).toBe(true);
		for (const so of [...sockets, phone, staff]) so.close();
	});

	it('the command rate of one participant is shared by all their connections', async () => {
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const p = makeParticipant(s.deps, w.id, 'Many Tabs');
		const sockets = await Promise.all(Array.from({ length: 4 }, () => connect(s.url, { workshopId: w.id, as: 'participant' }, p.cookie)));
		// 4 connections x 15 = 60 commands at once: each connection alone is within its burst of 30.
		const results = await Promise.all(sockets.flatMap((so) => Array.from({ length: 15 }, () => send(so, 'session:hello', {} as never))));
		const limited = results.filter((r) => !r.ok && r.error === 'rate_limited').length;
		expect(limited).toBeGreaterThanOrEqual(20);
		for (const so of sockets) so.close();
	});
});

describe('signing out ends live connections', () => {
	let s: Server;
	beforeAll(async () => {
		s = await startServer();
	});
	afterAll(async () => {
		await s.close();
	});

	it("a co-facilitator who signs out loses the open socket and the staff Yjs connection; their other device stays", async () => {
		const owner = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, owner.user.id);
		const co = await makeFacilitator(s.deps);
		s.deps.services.acceptInvite(w.inviteToken, co.user.id);
		const laptopToken = co.cookie.split('=')[1];
		const tablet = s.deps.repos.accounts.createSession(co.user.id, Date.now());
		const tabletCookie = `plenum_session=${tablet.token}`;

		const socket = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, co.cookie);
		const other = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, tabletCookie);
		const staffDoc = await openWs(`${s.url.replace('http', 'ws')}/yjs/${w.id}/staff`, { cookie: co.cookie });
		if (!('ws' in staffDoc)) throw new Error('staff document refused');
		const ended = new Promise<{ reason: string }>((r) => socket.once('session:ended', r));
		const yjsClosed = new Promise<number>((r) => staffDoc.ws.once('close', (code) => r(code)));
		expect((await send(socket, 'timer:control', { key: key(), action: 'start', seconds: 60 })).ok).toBe(true);

		// The sign-out form's action (src/routes/logout) calls endSession with the request's cookies.
		endSession({ get: (n: string) => (n === 'plenum_session' ? laptopToken : undefined), delete: () => {} } as never);

		expect(await ended).toEqual({ reason: 'revoked' });
		expect(await yjsClosed).toBe(4403);
		await eventually(() => !socket.connected, 2000, 'socket closed');
		expect((await send(other, 'timer:control', { key: key(), action: 'pause' })).ok).toBe(true);
		other.close();
	});

	it('a socket of a session that ended some other way can run no command', async () => {
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const socket = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, fac.cookie);
		s.deps.repos.accounts.deleteSession(fac.cookie.split('=')[1]);
		expect(await send(socket, 'timer:control', { key: key(), action: 'start', seconds: 60 })).toEqual({ ok: false, error: 'unauthorized' });
		socket.close();
	});

	it('removing a facilitator from a workshop ends their connections to that workshop only', async () => {
		const fac = await makeFacilitator(s.deps);
		const a = makeWorkshop(s.deps, fac.user.id, 'A');
		const b = makeWorkshop(s.deps, fac.user.id, 'B');
		const inA = await connect(s.url, { workshopId: a.id, as: 'facilitator' }, fac.cookie);
		const inB = await connect(s.url, { workshopId: b.id, as: 'facilitator' }, fac.cookie);
		const ended = new Promise<{ reason: string }>((r) => inA.once('session:ended', r));
		s.realtime.endFacilitator({ userId: fac.user.id, workshopId: a.id });
		expect(await ended).toEqual({ reason: 'revoked' });
		expect((await send(inB, 'timer:control', { key: key(), action: 'start', seconds: 30 })).ok).toBe(true);
		inA.close();
		inB.close();
	});
});

describe('a closed workshop', () => {
	let s: Server;
	beforeAll(async () => {
		s = await startServer();
	});
	afterAll(async () => {
		await s.close();
	});

	it('takes no new co-facilitators through its invite link, and its projector link can still be revoked', async () => {
		const owner = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, owner.user.id);
		const staff = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, owner.cookie);
		const projector = await connect(s.url, { workshopId: w.id, as: 'projector', projectorToken: w.projectorToken });
		expect((await send(staff, 'workshop:close', { key: key() })).ok).toBe(true);

		const latecomer = await makeFacilitator(s.deps);
		expect(s.deps.services.acceptInvite(w.inviteToken, latecomer.user.id)).toBeNull();
		expect(s.deps.repos.workshops.memberRole(w.id, latecomer.user.id)).toBeNull();
		// The owner following the link still lands in the control room.
		expect(s.deps.services.acceptInvite(w.inviteToken, owner.user.id)?.id).toBe(w.id);

		const revoked = new Promise<{ reason: string }>((r) => projector.once('session:ended', r));
		const rotated = await send(staff, 'projector:rotate', { key: key() });
		expect(rotated.ok).toBe(true);
		expect(await revoked).toEqual({ reason: 'revoked' });
		await expect(connect(s.url, { workshopId: w.id, as: 'projector', projectorToken: w.projectorToken })).rejects.toThrow();
		// Every other write stays refused.
		expect(await send(staff, 'timer:control', { key: key(), action: 'start', seconds: 60 })).toEqual({ ok: false, error: 'workshop_closed' });
		staff.close();
		projector.close();
	});
});

describe('awareness on the staff document', () => {
	let s: Server;
	beforeAll(async () => {
		s = await startServer();
	});
	afterAll(async () => {
		await s.close();
	});

	/** An awareness frame for one client id at a given clock (null state: "this client left"). */
	function awarenessFrame(clientId: number, states: (Record<string, unknown> | null)[]): Uint8Array {
		const doc = new Y.Doc();
		doc.clientID = clientId;
		const a = new awarenessProtocol.Awareness(doc);
		for (const st of states) a.setLocalState(st);
		const enc = encoding.createEncoder();
		encoding.writeVarUint(enc, 1);
		encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(a, [clientId]));
		a.destroy();
		return encoding.toUint8Array(enc);
	}

	it("a second facilitator connection cannot replace or remove another live connection's state by claiming its client id", async () => {
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const url = `${s.url.replace('http', 'ws')}/yjs/${w.id}/staff`;
		// An observer that only listens (a y-websocket provider would relay what it hears, under the ids it heard).
		const obs = await openWs(url, { cookie: fac.cookie });
		const a = await openWs(url, { cookie: fac.cookie });
		const b = await openWs(url, { cookie: fac.cookie });
		if (!('ws' in obs) || !('ws' in a) || !('ws' in b)) throw new Error('refused');
		const seen = new awarenessProtocol.Awareness(new Y.Doc());
		obs.ws.on('message', (data: Buffer) => {
			const dec = decoding.createDecoder(new Uint8Array(data));
			if (decoding.readVarUint(dec) === 1) awarenessProtocol.applyAwarenessUpdate(seen, decoding.readVarUint8Array(dec), 'server');
		});
		const stateOf = (id: number) => seen.getStates().get(id) as { user?: string } | undefined;
		a.ws.send(awarenessFrame(4242, [{ user: 'Alice' }]));
		await eventually(() => stateOf(4242)?.user === 'Alice', 3000, "Alice's state");
		// B claims Alice's id with a later clock: first to replace her state, then to remove it.
		b.ws.send(awarenessFrame(4242, [{ user: 'Mallory' }, { user: 'Mallory' }, { user: 'Mallory' }]));
		b.ws.send(awarenessFrame(4242, [{ user: 'x' }, { user: 'x' }, { user: 'x' }, { user: 'x' }, null]));
		// B's own id still works, so its frames have been handled by the time its state arrives.
		b.ws.send(awarenessFrame(777, [{ user: 'Bob' }]));
		await eventually(() => stateOf(777)?.user === 'Bob', 3000, "Bob's state");
		expect(stateOf(4242)).toEqual({ user: 'Alice' });
		for (const c of [a, b, obs]) c.ws.close();
	});
});

describe('idempotency keys', () => {
	let s: Server;
	beforeAll(async () => {
		s = await startServer();
	});
	afterAll(async () => {
		await s.close();
	});

	it('a key reused with another command or payload is refused; the same command again gets its first result', async () => {
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const p = makeParticipant(s.deps, w.id);
		const phone = await connect(s.url, { workshopId: w.id, as: 'participant' }, p.cookie);
		const k = key();
		const first = await send(phone, 'card:create', { key: k, boardId: w.activeActivityId!, text: 'First idea' });
		expect(first.ok).toBe(true);
		expect(await send(phone, 'card:create', { key: k, boardId: w.activeActivityId!, text: 'First idea' })).toEqual(first);
		expect(await send(phone, 'card:create', { key: k, boardId: w.activeActivityId!, text: 'Another idea' })).toEqual({ ok: false, error: 'key_reused' });
		const cardId = first.ok && first.data.card.id;
		expect(await send(phone, 'card:update', { key: k, cardId, text: 'Changed' })).toEqual({ ok: false, error: 'key_reused' });
		expect(boardRepo(s.deps).card(cardId)?.text).toBe('First idea');
		phone.close();
	});
});
