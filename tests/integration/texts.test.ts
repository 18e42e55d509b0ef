import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { eventually, makeFacilitator, makeParticipant, makeWorkshop, startServer, tempDataDir } from './harness';
import { TEXT_CLOSE } from '../../src/lib/protocol/texts';
import type { TextAccess, TextActor } from '../../server/realtime/text-docs';
import type { Identity } from '../../server/realtime/identity';
import { closeTextClients, online, textClient, updateFrame } from './text-clients';

const client = (s: { url: string }, workshopId: string, entity: string, cookie?: string, projectorToken?: string) => textClient(s, workshopId, entity, cookie, { projectorToken });

type Server = Awaited<ReturnType<typeof startServer>>;

// Each y-websocket provider adds a process 'exit' listener.
process.setMaxListeners(0);

/** Who may do what, changed by the tests: key `<entity>|<role>`; the projector reads unless said otherwise. */
const grants = new Map<string, 'write' | 'read' | null>();
const writtenCalls: { workshopId: string; entity: string; actor: TextActor }[] = [];
const access: TextAccess = {
	access(identity: Identity, _workshopId, entity) {
		const key = `${entity}|${identity.role === 'participant' ? identity.participantId : identity.role}`;
		if (grants.has(key)) return grants.get(key)!;
		return identity.role === 'projector' ? 'read' : 'write';
	},
	written: (workshopId, entity, actor) => void writtenCalls.push({ workshopId, entity, actor })
};
const textOptions = { flushMs: 30, snapshotMs: 100, writtenMs: 400, compactAfter: 5, limits: { maxChars: 2000, maxDocBytes: 4096, burst: 30, perSecond: 10 } };


/** A raw connection that sends one frame once the server greeted it, and resolves with the close code. */
function rawSend(s: { url: string }, path: string, cookie: string, frame: Uint8Array | string): Promise<number> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(s.url.replace('http', 'ws') + path, { headers: { cookie } });
		ws.once('message', () => ws.send(frame));
		ws.on('close', (code) => resolve(code));
		ws.on('error', reject);
		setTimeout(() => reject(new Error('no close')), 5000);
	});
}

const updateOf = (edit: (d: Y.Doc) => void) => {
	const d = new Y.Doc();
	edit(d);
	return Y.encodeStateAsUpdate(d);
};

describe('co-edited text documents', () => {
	let s: Server;
	let fac: Awaited<ReturnType<typeof makeFacilitator>>;
	let w: ReturnType<typeof makeWorkshop>;
	let alex: ReturnType<typeof makeParticipant>;
	let bo: ReturnType<typeof makeParticipant>;

	beforeAll(async () => {
		s = await startServer(tempDataDir(), { texts: access, textOptions });
		fac = await makeFacilitator(s.deps);
		w = makeWorkshop(s.deps, fac.user.id);
		alex = makeParticipant(s.deps, w.id, 'Alex');
		bo = makeParticipant(s.deps, w.id, 'Bo');
	});

	afterAll(async () => {
		closeTextClients();
		await s.close();
	});

	it('two writers converge, a reader (the projector) sees it, and the snapshot follows', async () => {
		const a = client(s, w.id, 'b1.minutes', alex.cookie);
		const b = client(s, w.id, 'b1.minutes', fac.cookie);
		const p = client(s, w.id, 'b1.minutes', undefined, w.projectorToken);
		await Promise.all([a, b, p].map(online));
		expect([a.access, b.access, p.access]).toEqual(['write', 'write', 'read']);
		a.ytext.insert(0, 'Decisions: ');
		b.ytext.insert(0, 'Minutes. ');
		await eventually(() => a.text === b.text && p.text === a.text && a.text.length === 'Decisions: Minutes. '.length, 3000, 'convergence');
		expect(a.text).toContain('Decisions: ');
		expect(a.text).toContain('Minutes. ');
		await eventually(() => s.deps.repos.texts.snapshot(`${w.id}/text/b1.minutes`) === a.text, 3000, 'snapshot');
		expect(s.deps.repos.texts.snapshotsOf(w.id, 'b1.').get('b1.minutes')?.text).toBe(a.text);
		// Awareness is not relayed on text documents, and a client that sends some anyway is not closed for it
		// (a y-websocket provider re-sends every state it hears, others' included).
		a.provider.awareness.setLocalState({ cursor: 3 });
		b.provider.awareness.setLocalState({ cursor: 5 });
		a.ytext.insert(0, '!');
		await eventually(() => b.text === a.text && p.text === a.text, 3000, 'one more edit');
		expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false);
		expect([a, b, p].map((c) => c.closes.length)).toEqual([0, 0, 0]);
	});

	it('refuses a reader’s edit: nothing changes, only that connection is closed', async () => {
		const writer = client(s, w.id, 'r.doc', alex.cookie);
		const reader = client(s, w.id, 'r.doc', undefined, w.projectorToken);
		await Promise.all([writer, reader].map(online));
		writer.ytext.insert(0, 'kept');
		await eventually(() => reader.text === 'kept', 3000, 'reader sees');
		reader.ytext.insert(0, 'forged ');
		await eventually(() => reader.ended === 'forbidden', 3000, 'reader closed');
		expect(reader.closes).toContain(TEXT_CLOSE.forbidden);
		expect(s.realtime.texts.text(w.id, 'r.doc')).toBe('kept');
		writer.ytext.insert(4, '!');
		await eventually(() => s.realtime.texts.text(w.id, 'r.doc') === 'kept!', 3000, 'writer still writes');
		expect(writer.status).toBe('online');
	});

	it('refuses wrong types, oversized updates, garbage and a document past its cap, each closing only its connection', async () => {
		const entity = 'bad.doc';
		const watcher = client(s, w.id, entity, bo.cookie);
		await online(watcher);
		watcher.ytext.insert(0, 'base');
		await eventually(() => s.realtime.texts.text(w.id, entity) === 'base', 3000, 'base text');
		const path = `/yjs/${w.id}/text/${entity}`;
		const cases: [string, Uint8Array | string, number][] = [
			['a Y.Map', updateFrame(updateOf((d) => d.getMap('m').set('k', 'v'))), TEXT_CLOSE.refused],
			['a map entry on the text root', updateFrame(updateOf((d) => d.getMap('text').set('k', 'v'))), TEXT_CLOSE.refused],
			['a second root', updateFrame(updateOf((d) => d.getText('other').insert(0, 'x'))), TEXT_CLOSE.refused],
			['a nested type', updateFrame(updateOf((d) => d.getArray('text').push([new Y.Map()]))), TEXT_CLOSE.refused],
			['a subdocument', updateFrame(updateOf((d) => d.getArray('text').push([new Y.Doc()]))), TEXT_CLOSE.refused],
			['binary content', updateFrame(updateOf((d) => d.getArray('text').push([new Uint8Array(4)]))), TEXT_CLOSE.refused],
			['formatting', updateFrame(updateOf((d) => d.getText('text').insert(0, 'b', { bold: true }))), TEXT_CLOSE.refused],
			['an update over 32 KB', updateFrame(updateOf((d) => d.getText('text').insert(0, 'x'.repeat(33 * 1024)))), TEXT_CLOSE.tooLarge],
			['more characters than the cap', updateFrame(updateOf((d) => d.getText('text').insert(0, 'y'.repeat(2100)))), TEXT_CLOSE.tooLarge],
			['garbage', new Uint8Array([0, 2, 200, 1, 2, 3]), 4400],
			['an unknown message type', new Uint8Array([99, 1, 2]), 4400],
			['a text frame', 'hello', 4400]
		];
		for (const [what, frame, code] of cases) expect(await rawSend(s, path, alex.cookie, frame), what).toBe(code);
		expect(s.realtime.texts.text(w.id, entity)).toBe('base');
		expect(watcher.status).toBe('online');
		// Past the byte cap (4 KB here) with few characters: 600 three-byte characters twice fit, a third time not.
		const big = client(s, w.id, 'bytes.doc', alex.cookie);
		await online(big);
		for (const n of [600, 1200]) {
			big.ytext.insert(0, '€'.repeat(600));
			await eventually(() => s.realtime.texts.text(w.id, 'bytes.doc').length === n, 3000, `${n} characters`);
		}
		big.ytext.insert(0, '€'.repeat(600));
		await eventually(() => big.ended === 'too_large', 3000, 'refused past the cap');
		expect(s.realtime.texts.text(w.id, 'bytes.doc').length).toBe(1200);
		// The server still serves the others.
		watcher.ytext.insert(4, '!');
		await eventually(() => s.realtime.texts.text(w.id, entity) === 'base!', 3000, 'still serving');
	});

	it('rate-limits updates per connection', async () => {
		const path = `/yjs/${w.id}/text/rate.doc`;
		const code = await new Promise<number>((resolve) => {
			const ws = new WebSocket(s.url.replace('http', 'ws') + path, { headers: { cookie: alex.cookie } });
			ws.once('message', () => {
				const d = new Y.Doc();
				d.on('update', (u: Uint8Array) => ws.readyState === WebSocket.OPEN && ws.send(updateFrame(u)));
				for (let i = 0; i < 80; i++) d.getText('text').insert(i, 'a');
			});
			ws.on('close', (c) => resolve(c));
		});
		expect(code).toBe(TEXT_CLOSE.rateLimited);
		const stored = s.realtime.texts.text(w.id, 'rate.doc').length;
		expect(stored).toBeGreaterThanOrEqual(30);
		expect(stored).toBeLessThan(80);
	});

	it('refuses an upgrade the access function refuses, loading nothing', async () => {
		grants.set(`secret.doc|${alex.id}`, null);
		const before = s.realtime.texts.loadedCount;
		const c = client(s, w.id, 'secret.doc', alex.cookie);
		await eventually(() => c.closes.length > 0 || c.status === 'offline', 3000, 'refused');
		expect(c.access).toBeNull();
		expect(s.realtime.texts.loadedCount).toBe(before);
		c.destroy();
		// An entity outside the allowed characters, and no identity at all.
		expect(await rawSend(s, `/yjs/${w.id}/text/a%2Fb`, alex.cookie, 'x').catch(() => 'refused')).toBe('refused');
		expect(await rawSend(s, `/yjs/${w.id}/text/open.doc`, '', 'x').catch(() => 'refused')).toBe('refused');
	});

	it('calls written once at the first write, at most once per period while writing, and once after', async () => {
		writtenCalls.length = 0;
		const a = client(s, w.id, 'w.doc', alex.cookie);
		const f = client(s, w.id, 'w.doc', fac.cookie);
		await Promise.all([a, f].map(online));
		for (let i = 0; i < 5; i++) a.ytext.insert(0, 'a');
		f.ytext.insert(0, 'f');
		await eventually(() => writtenCalls.filter((c) => c.entity === 'w.doc').length >= 2, 2000, 'first calls');
		const mine = () => writtenCalls.filter((c) => c.entity === 'w.doc' && c.actor.role === 'participant');
		expect(mine()).toEqual([{ workshopId: w.id, entity: 'w.doc', actor: { role: 'participant', id: alex.id } }]);
		expect(writtenCalls.find((c) => c.entity === 'w.doc' && c.actor.role === 'facilitator')?.actor.id).toBe(fac.user.id);
		// Alex wrote after that first call: one more call at the end of the period, then none (Alex stopped).
		await eventually(() => mine().length === 2, 2000, 'trailing call');
		await new Promise((r) => setTimeout(r, 900));
		expect(mine().length).toBe(2);
		expect(writtenCalls.filter((c) => c.entity === 'w.doc' && c.actor.role === 'facilitator').length).toBe(1);
	});

	it('recheck closes a connection that lost access and re-authorises one whose access changed', async () => {
		const a = client(s, w.id, 'rc.doc', alex.cookie);
		const b = client(s, w.id, 'rc.doc', bo.cookie);
		grants.set(`rc.doc|${bo.id}`, 'read');
		await Promise.all([a, b].map(online));
		expect(b.access).toBe('read');
		grants.set(`rc.doc|${alex.id}`, null);
		grants.set(`rc.doc|${bo.id}`, 'write');
		s.realtime.texts.recheck(w.id, 'rc.');
		await eventually(() => a.ended === 'forbidden', 3000, 'alex closed');
		await eventually(() => b.closes.includes(TEXT_CLOSE.reauthorize) && b.access === 'write' && b.status === 'online', 3000, 'bo writes now');
		b.ytext.insert(0, 'Bo writes');
		await eventually(() => s.realtime.texts.text(w.id, 'rc.doc') === 'Bo writes', 3000, 'bo’s edit applied');
		// And back to reading: a writer who became a reader loses the write.
		grants.set(`rc.doc|${bo.id}`, 'read');
		s.realtime.texts.recheck(w.id);
		await eventually(() => b.access === 'read' && b.status === 'online', 3000, 'bo reads again');
		b.ytext.insert(0, 'no ');
		await eventually(() => b.ended === 'forbidden', 3000, 'bo’s edit refused');
		expect(s.realtime.texts.text(w.id, 'rc.doc')).toBe('Bo writes');
	});

	it('ends text connections with the facilitator’s session', async () => {
		const f = client(s, w.id, 'end.doc', fac.cookie);
		await online(f);
		s.realtime.endFacilitator({ userId: fac.user.id, workshopId: w.id });
		await eventually(() => f.closes.includes(4403), 3000, 'closed');
	});

	it('forgetTexts and deleting the workshop remove the rows', async () => {
		const w2 = makeWorkshop(s.deps, fac.user.id, 'Second');
		const p = makeParticipant(s.deps, w2.id, 'Cy');
		const one = client(s, w2.id, 'x.one', p.cookie);
		const two = client(s, w2.id, 'y.two', p.cookie);
		await Promise.all([one, two].map(online));
		one.ytext.insert(0, 'one');
		two.ytext.insert(0, 'two');
		const rows = (wid: string) => s.deps.sqlite.prepare('select count(*) n from text_docs where workshop_id = ?').get(wid) as { n: number };
		const updates = () => (s.deps.sqlite.prepare('select count(*) n from text_updates').get() as { n: number }).n;
		await eventually(() => rows(w2.id).n === 2, 3000, 'rows written');
		expect(s.realtime.texts.forget(w2.id, 'x.')).toBe(1);
		await eventually(() => one.ended === 'forbidden', 3000, 'connection closed');
		expect(rows(w2.id).n).toBe(1);
		const before = updates();
		s.deps.repos.workshops.deleteWorkshop(w2.id);
		expect(rows(w2.id).n).toBe(0);
		expect(updates()).toBeLessThan(before);
	});
});

describe('co-edited text across a restart', () => {
	it('survives a restart from its stored updates, and clients that kept their document duplicate nothing', async () => {
		const dataDir = tempDataDir();
		let s = await startServer(dataDir, { texts: access, textOptions });
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const p = makeParticipant(s.deps, w.id, 'Dee');
		const a = client(s, w.id, 'keep.doc', p.cookie);
		const b = client(s, w.id, 'keep.doc', fac.cookie);
		await Promise.all([a, b].map(online));
		for (let i = 0; i < 12; i++) (i % 2 ? a : b).ytext.insert(0, `${i} `);
		a.ytext.delete(0, 2);
		await eventually(() => a.text === b.text && s.realtime.texts.text(w.id, 'keep.doc') === a.text, 3000, 'converged');
		const before = a.text;
		await s.close();
		await eventually(() => a.status === 'offline' && b.status === 'offline', 3000, 'offline');
		// An edit while the server is away, merged when it is back.
		b.ytext.insert(b.ytext.length, 'offline edit');
		s = await startServer(dataDir, { texts: access, textOptions });
		for (const c of [a, b]) c.provider.serverUrl = s.url.replace('http', 'ws') + `/yjs/${w.id}/text`;
		await Promise.all([a, b].map(online));
		const want = before + 'offline edit';
		await eventually(() => a.text === want && b.text === want, 5000, 'both see the text once');
		const fresh = client(s, w.id, 'keep.doc', fac.cookie);
		await online(fresh);
		await eventually(() => fresh.text === want, 3000, 'a new client sees it once');
		// Compaction kept the rows few (compactAfter 5), and the state survives another restart without clients.
		expect((s.deps.sqlite.prepare('select count(*) n from text_updates').get() as { n: number }).n).toBeLessThanOrEqual(6);
		for (const c of [a, b, fresh]) c.destroy();
		await s.close();
		s = await startServer(dataDir, { texts: access, textOptions });
		expect(s.realtime.texts.text(w.id, 'keep.doc')).toBe(want);
		const again = client(s, w.id, 'keep.doc', fac.cookie);
		await online(again);
		await eventually(() => again.text === want, 3000, 'loaded from storage');
		again.destroy();
		await s.close();
	});
});
