import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { connect, eventually, key, makeFacilitator, makeParticipant, makeWorkshop, searchDatabase, searchFiles, send, sendOk, startServer, tempDataDir, walEmpty } from './harness';
import type { TextConnection } from '../../src/lib/realtime/text-connection';
import { TEXT_CLOSE } from '../../src/lib/protocol/texts';
import type { TextAccess, TextActor } from '../../server/realtime/text-docs';
import { closeTextClients, emptyStep1, online, textClient, updateFrame } from './text-clients';

const client = (s: { url: string }, workshopId: string, entity: string, cookie?: string, projectorToken?: string) => textClient(s, workshopId, entity, cookie, { projectorToken });

type Server = Awaited<ReturnType<typeof startServer>>;

// Each y-websocket provider adds a process 'exit' listener.
process.setMaxListeners(0);

/** Everyone writes, the projector reads; `written` calls are recorded with their time. */
const writtenCalls: { entity: string; actor: TextActor; at: number }[] = [];
const access: TextAccess = {
	access: (identity) => (identity.role === 'projector' ? 'read' : 'write'),
	written: (_w, entity, actor) => void writtenCalls.push({ entity, actor, at: Date.now() })
};
const textOptions = { flushMs: 30, snapshotMs: 100, writtenMs: 60_000, compactAfter: 50, limits: { burst: 1000, perSecond: 1000 } };


/** Every text and blob value of every table (blobs read as UTF-8) that contains one of the needles, as `table.column: needle`. */
function search(s: Server, needles: string[]): string[] {
	const found = searchDatabase(s.deps.sqlite, needles);
	expect(found.tables).toContain('text_authors');
	return found.hits;
}



/** The document as stored: its rows applied to a fresh Y.Doc. */
function storedText(s: Server, name: string): string {
	const rows = s.deps.repos.texts.updates(name);
	const d = new Y.Doc();
	if (rows.length > 0) Y.applyUpdate(d, Y.mergeUpdates(rows));
	return d.getText('text').toString();
}

const authorsOf = (s: Server, name: string) =>
	s.deps.sqlite.prepare('select client_id clientId, actor_role role, actor_id id from text_authors where name = ? order by client_id').all(name) as { clientId: number; role: string; id: string }[];



/** A raw connection that sends one frame once the server greeted it, and resolves with the close code and reason. */
function rawSend(s: { url: string }, docPath: string, cookie: string, frame: Uint8Array): Promise<{ code: number; reason: string }> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(s.url.replace('http', 'ws') + docPath, { headers: { cookie } });
		ws.once('message', () => ws.send(frame));
		ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
		ws.on('error', reject);
		setTimeout(() => reject(new Error('no close')), 5000);
	});
}

/**
 * Everything the server sends a client that arrives with an empty replica: it asks twice, and once the second
 * sync step 2 has arrived, everything sent for the first one has too.
 */
async function bytesForNewClient(s: { url: string }, docPath: string, cookie: string): Promise<Buffer> {
	const ws = new WebSocket(s.url.replace('http', 'ws') + docPath, { headers: { cookie } });
	const got: Buffer[] = [];
	let steps2 = 0;
	ws.on('message', (data: Buffer) => {
		got.push(Buffer.from(data));
		const dec = decoding.createDecoder(new Uint8Array(data));
		if (decoding.readVarUint(dec) === 0 && decoding.readVarUint(dec) === 1) steps2++;
	});
	await new Promise((r) => ws.once('open', r));
	ws.send(emptyStep1());
	ws.send(emptyStep1());
	await eventually(() => steps2 === 2, 3000, 'two sync steps 2');
	ws.close();
	return Buffer.concat(got);
}

/** Signs in as the participant over socket.io and erases their data. */
async function eraseMe(s: Server, workshopId: string, cookie: string) {
	const phone = await connect(s.url, { workshopId, as: 'participant' }, cookie);
	const r = await send(phone, 'me:forget', { key: key() });
	phone.close();
	expect(r).toMatchObject({ ok: true });
}

afterAll(() => {
	closeTextClients();
});

describe('erasure reaches co-edited text', () => {
	it('deletes a participant’s characters from the live document, the snapshot and every row, and keeps the facilitator’s', async () => {
		const s = await startServer(tempDataDir(), { texts: access, textOptions });
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const nickname = 'Quorvantelli';
		const p = makeParticipant(s.deps, w.id, nickname);
		const name = (entity: string) => `${w.id}/text/${entity}`;
		const phrase = 'Zephyrine marmalade quota';
		const later = 'Plumbago sprocket';
		const gone = 'Ossifrage tangelo';
		const facText = 'Minutes by the facilitator. ';

		// Notes: both write, the participant in two places and keystroke by keystroke too.
		const f = client(s, w.id, 'i1.notes', fac.cookie);
		const pa = client(s, w.id, 'i1.notes', p.cookie);
		await Promise.all([f, pa].map(online));
		f.ytext.insert(0, facText);
		await eventually(() => pa.text === facText, 3000, 'participant sees');
		pa.ytext.insert(pa.text.length, phrase);
		pa.ytext.insert(0, '> ');
		for (const ch of ` ${later}`) pa.ytext.insert(pa.text.length, ch);
		await eventually(() => f.text === `> ${facText}${phrase} ${later}`, 3000, 'facilitator sees');
		f.ytext.insert(f.text.length, ' Agreed.');
		const facWants = `${facText} Agreed.`;
		// A second document: what the participant wrote there was deleted by the facilitator before the erasure,
		// but the stored updates still hold it.
		const pb = client(s, w.id, 'i2.notes', p.cookie);
		const f2 = client(s, w.id, 'i2.notes', fac.cookie);
		await Promise.all([pb, f2].map(online));
		pb.ytext.insert(0, gone);
		await eventually(() => f2.text === gone, 3000, 'second document');
		f2.ytext.delete(0, f2.text.length);
		f2.ytext.insert(0, 'Facilitator only.');
		await eventually(() => s.deps.repos.texts.snapshot(name('i1.notes')).includes(later) && s.deps.repos.texts.snapshot(name('i2.notes')) === 'Facilitator only.', 3000, 'snapshots');
		// A client that arrived with an empty replica cached the whole document: the erasure must not serve it again.
		expect((await bytesForNewClient(s, `/yjs/${w.id}/text/i1.notes`, fac.cookie)).includes(phrase)).toBe(true);

		// Before: the search finds the words and the pseudonym (its client ids), also the text deleted meanwhile.
		const words = [phrase, 'Zephyrine', 'marmalade', gone, 'Ossifrage', 'tangelo'];
		await eventually(() => search(s, [...words, p.id]).length >= 3, 3000, 'stored');
		expect(search(s, [gone, p.id])).toEqual(expect.arrayContaining([`text_updates.update: ${gone}`, `text_authors.actor_id: ${p.id}`]));
		expect(authorsOf(s, name('i1.notes')).map((a) => a.role).sort()).toEqual(['facilitator', 'participant']);

		// They wrote: `written` was called at their first update, and they kept writing since (a call is due).
		expect(writtenCalls.filter((c) => c.actor.id === p.id).length).toBeGreaterThan(0);
		const erasedAt = Date.now();
		await eraseMe(s, w.id, p.cookie);

		// The connected facilitator's replica loses the participant's characters and keeps its own.
		await eventually(() => f.text === facWants && f2.text === 'Facilitator only.', 3000, 'live replicas');
		expect(s.realtime.texts.text(w.id, 'i1.notes')).toBe(facWants);
		expect(s.deps.repos.texts.snapshot(name('i1.notes'))).toBe(facWants);
		expect(s.deps.repos.texts.snapshot(name('i2.notes'))).toBe('Facilitator only.');
		expect(storedText(s, name('i1.notes'))).toBe(facWants);
		expect(s.deps.repos.texts.updateCount(name('i1.notes'))).toBe(1);
		// The participant's text connections were closed and their edits are no longer heard.
		await eventually(() => pa.ended === 'forbidden' && pb.ended === 'forbidden', 3000, 'participant closed');
		// Only the facilitator's client ids are left.
		expect(authorsOf(s, name('i1.notes')).map((a) => a.role)).toEqual(['facilitator']);
		// No row of any table holds their words, their nickname or their pseudonym's id.
		const needles = [...words, 'Plumbago', 'sprocket', nickname, p.id];
		expect(search(s, needles)).toEqual([]);
		// The write-ahead log is truncated, and neither file holds their words any more.
		await eventually(() => walEmpty(s.deps.sqlite), 5000, 'the write-ahead log truncated');
		await eventually(() => searchFiles(s.deps.sqlite, [phrase, gone, nickname]).length === 0, 5000, 'not in the files').catch(() => {
			throw new Error(`still in the files: ${searchFiles(s.deps.sqlite, [phrase, gone, nickname]).join(', ')}`);
		});
		// A client arriving now receives nothing of it.
		const sent = await bytesForNewClient(s, `/yjs/${w.id}/text/i1.notes`, fac.cookie);
		for (const n of ['Zephyrine', 'Plumbago']) expect(sent.includes(n), n).toBe(false);
		expect(sent.includes('Agreed')).toBe(true);
		// The facilitator keeps writing.
		f.ytext.insert(0, 'More. ');
		await eventually(() => s.realtime.texts.text(w.id, 'i1.notes') === `More. ${facWants}`, 3000, 'still writing');
		// At shutdown `written` is told about everyone who wrote since its last call: the facilitator, not the
		// erased participant (a module would log participation of someone erased).
		await s.close();
		expect(writtenCalls.filter((c) => c.actor.id === p.id && c.at >= erasedAt)).toEqual([]);
		expect(writtenCalls.some((c) => c.actor.id === fac.user.id && c.at >= erasedAt)).toBe(true);
	});
});

describe('erasure of the board’s minutes, with the modules deciding access', () => {
	it('after "erase my data" no row holds the nickname, the card text or the minutes they wrote; the facilitator’s minutes stay', async () => {
		const s = await startServer(tempDataDir(), { textOptions });
		try {
			const fac = await makeFacilitator(s.deps);
			const w = makeWorkshop(s.deps, fac.user.id);
			const boardId = w.activeActivityId!;
			const nickname = 'Gravelwhisk';
			const p = makeParticipant(s.deps, w.id, nickname);
			const other = makeParticipant(s.deps, w.id, 'Stays');
			const staff = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, fac.cookie);
			const phone = await connect(s.url, { workshopId: w.id, as: 'participant' }, p.cookie);
			const otherPhone = await connect(s.url, { workshopId: w.id, as: 'participant' }, other.cookie);
			const ok = sendOk;
			const cardText = 'Xylophant compost heaps';
			await ok(phone, 'card:create', { boardId, text: cardText });
			const item = (await ok(otherPhone, 'card:create', { boardId, text: 'Shade for the benches' })).card.id;
			await ok(staff, 'board:update', { boardId, settings: { participantsWriteMinutes: true } });
			await ok(staff, 'activity:phase', { activityId: boardId, phase: 'discuss' });
			await ok(staff, 'board:discuss', { boardId, itemId: item });
			const entity = `${boardId}.${item}`;
			const f = client(s, w.id, entity, fac.cookie);
			const pc = client(s, w.id, entity, p.cookie);
			await Promise.all([f, pc].map(online));
			expect([f.access, pc.access]).toEqual(['write', 'write']);
			f.ytext.insert(0, 'Agreed: shade. ');
			await eventually(() => pc.text === 'Agreed: shade. ', 3000, 'participant sees');
			const phrase = 'Murmurbloom ledger';
			pc.ytext.insert(pc.text.length, phrase);
			await eventually(() => f.text === `Agreed: shade. ${phrase}` && s.deps.repos.texts.snapshot(`${w.id}/text/${entity}`) === f.text, 3000, 'stored');
			// The module logged that they wrote the minutes.
			await eventually(() => s.deps.repos.participation.ofActor(w.id, p.id).some((e) => e.kind.includes('minutes')), 3000, 'written event');
			const needles = [nickname, cardText, phrase, 'Murmurbloom', p.id];
			expect(search(s, needles).length).toBeGreaterThanOrEqual(4);

			expect((await send(phone, 'me:forget', { key: key() })).ok).toBe(true);
			phone.close();
			await eventually(() => f.text === 'Agreed: shade. ', 3000, 'facilitator’s replica');
			expect(search(s, needles)).toEqual([]);
			expect(s.deps.repos.texts.snapshot(`${w.id}/text/${entity}`)).toBe('Agreed: shade. ');
			await eventually(() => walEmpty(s.deps.sqlite), 5000, 'the write-ahead log truncated');
			await eventually(() => searchFiles(s.deps.sqlite, [nickname, cardText, phrase]).length === 0, 5000, 'not in the files');
			staff.close();
			otherPhone.close();
		} finally {
			await s.close();
		}
	});
});

describe('who wrote is checked', () => {
	let s: Server;
	beforeAll(async () => {
		s = await startServer(tempDataDir(), { texts: access, textOptions });
	});
	afterAll(async () => {
		await s.close();
	});


	it('refuses a forged update reusing another person’s client id, and changes nothing', async () => {
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const p = makeParticipant(s.deps, w.id, 'Forger');
		const entity = 'forge.doc';
		const docName = `${w.id}/text/${entity}`;
		const f = client(s, w.id, entity, fac.cookie);
		const pc = client(s, w.id, entity, p.cookie);
		await Promise.all([f, pc].map(online));
		f.ytext.insert(0, 'Facilitator text.');
		await eventually(() => pc.text === 'Facilitator text.', 3000, 'synced');
		pc.ytext.insert(pc.text.length, ' Participant text.');
		const both = 'Facilitator text. Participant text.';
		await eventually(() => f.text === both && s.deps.repos.texts.snapshot(docName) === both && authorsOf(s, docName).length === 2, 3000, 'stored');
		const rows = () => s.deps.sqlite.prepare('select seq, hex("update") u from text_updates where name = ? order by seq').all(docName);
		const before = { rows: rows(), authors: authorsOf(s, docName) };

		/** An update under `victim`'s client id that continues its clock (so it is applicable), sent by `cookie`. */
		const forge = async (victim: TextConnection, cookie: string, text: string) => {
			const d = new Y.Doc();
			Y.applyUpdate(d, Y.encodeStateAsUpdate(victim.doc));
			// Set after applying: a document that receives structs under its own client id takes a new one.
			d.clientID = victim.doc.clientID;
			const sv = Y.encodeStateVector(d);
			d.getText('text').insert(0, text);
			return rawSend(s, `/yjs/${w.id}/text/${entity}`, cookie, updateFrame(Y.encodeStateAsUpdate(d, sv)));
		};
		// The participant writes under the facilitator's client id, and the other way round.
		expect(await forge(f, p.cookie, 'Forged by the participant. ')).toEqual({ code: TEXT_CLOSE.refused, reason: 'client id of another writer' });
		expect(await forge(pc, fac.cookie, 'Forged by the facilitator. ')).toEqual({ code: TEXT_CLOSE.refused, reason: 'client id of another writer' });
		s.realtime.texts.flush();
		expect(s.realtime.texts.text(w.id, entity)).toBe(both);
		expect([f.text, pc.text]).toEqual([both, both]);
		expect({ rows: rows(), authors: authorsOf(s, docName) }).toEqual(before);
		// The rightful writers still write, under their own client ids.
		f.ytext.insert(0, '1. ');
		pc.ytext.insert(pc.text.length, ' 2.');
		await eventually(() => s.realtime.texts.text(w.id, entity) === `1. ${both} 2.`, 3000, 'owners write');
		expect([f.status, pc.status]).toEqual(['online', 'online']);
	});
});

describe('erasure of text not in memory', () => {
	it('erases a document loaded from storage after a restart, and a replica that kept the old text cannot bring it back', async () => {
		const dataDir = tempDataDir();
		let s = await startServer(dataDir, { texts: access, textOptions });
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const nickname = 'Brindlemoor';
		const p = makeParticipant(s.deps, w.id, nickname);
		const entity = 'kept.minutes';
		const docName = `${w.id}/text/${entity}`;
		const phrase = 'Quillwort semaphore';
		const f = client(s, w.id, entity, fac.cookie);
		const pc = client(s, w.id, entity, p.cookie);
		await Promise.all([f, pc].map(online));
		f.ytext.insert(0, 'Decided: ');
		await eventually(() => pc.text === 'Decided: ', 3000, 'synced');
		pc.ytext.insert(pc.text.length, phrase);
		f.ytext.insert(0, 'Minutes. ');
		const all = `Minutes. Decided: ${phrase}`;
		await eventually(() => f.text === all && pc.text === all, 3000, 'converged');
		pc.destroy();
		await s.close();
		await eventually(() => f.status === 'offline', 3000, 'offline');

		s = await startServer(dataDir, { texts: access, textOptions });
		expect(s.realtime.texts.loadedCount).toBe(0);
		expect(search(s, [phrase, p.id])).toEqual(expect.arrayContaining([`text_docs.snapshot: ${phrase}`, `text_authors.actor_id: ${p.id}`]));
		await eraseMe(s, w.id, p.cookie);
		// Erased from storage without keeping the document in memory.
		expect(s.realtime.texts.loadedCount).toBe(0);
		const facWants = 'Minutes. Decided: ';
		expect(s.realtime.texts.text(w.id, entity)).toBe(facWants);
		expect(storedText(s, docName)).toBe(facWants);
		expect(search(s, [phrase, 'Quillwort', 'semaphore', nickname, p.id])).toEqual([]);
		await eventually(() => walEmpty(s.deps.sqlite), 5000, 'the write-ahead log truncated');
		expect(searchFiles(s.deps.sqlite, [phrase, nickname])).toEqual([]);

		// The facilitator's replica was offline and still holds the participant's text: when it is back, the
		// server's deletions reach it, and its sync does not bring the text back.
		expect(f.text).toBe(all);
		f.provider.serverUrl = s.url.replace('http', 'ws') + `/yjs/${w.id}/text`;
		await online(f);
		await eventually(() => f.text === facWants, 3000, 'replica caught up');
		s.realtime.texts.flush();
		expect(s.realtime.texts.text(w.id, entity)).toBe(facWants);
		const fresh = client(s, w.id, entity, fac.cookie);
		await online(fresh);
		await eventually(() => fresh.text === facWants, 3000, 'a new client');
		expect(search(s, [phrase, 'Quillwort'])).toEqual([]);
		f.destroy();
		fresh.destroy();
		await s.close();
	});
});

describe('erasure keeps exactly the others’ characters (property)', () => {
	let s: Server;
	let fac: Awaited<ReturnType<typeof makeFacilitator>>;
	let workshopId: string;
	beforeAll(async () => {
		s = await startServer(tempDataDir(), { texts: access, textOptions });
		fac = await makeFacilitator(s.deps);
		workshopId = makeWorkshop(s.deps, fac.user.id).id;
	});
	afterAll(async () => {
		await s.close();
	});

	type Op = { kind: 'insert'; who: number; at: number; text: string } | { kind: 'delete'; who: number; at: number; len: number };
	// Writers 0 and 1 are author A (a participant in two tabs: two client ids), writer 2 is author B (the facilitator).
	const op: fc.Arbitrary<Op> = fc.oneof(
		{ weight: 3, arbitrary: fc.record({ kind: fc.constant('insert' as const), who: fc.integer({ min: 0, max: 2 }), at: fc.nat(60), text: fc.string({ unit: fc.constantFrom('a', 'b', 'é', '€', ' ', 'x'), minLength: 1, maxLength: 4 }) }) },
		{ weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), who: fc.integer({ min: 0, max: 2 }), at: fc.nat(60), len: fc.integer({ min: 1, max: 5 }) }) }
	);
	let run = 0;

	it('random inserts and deletes by two authors, then erase A: the text is B’s surviving characters in order', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 16 }), fc.boolean(), fc.boolean(), async (ops, unload, closeA) => {
				const entity = `prop.${run++}`;
				const docName = `${workshopId}/text/${entity}`;
				const a = makeParticipant(s.deps, workshopId, `Prop${run}`);
				const writers = [client(s, workshopId, entity, a.cookie), client(s, workshopId, entity, a.cookie), client(s, workshopId, entity, fac.cookie)];
				try {
					await Promise.all(writers.map(online));
					// The model: every character ever inserted, its author and whether it was deleted, in text order.
					const model: { ch: string; author: 'A' | 'B'; deleted: boolean }[] = [];
					const visible = () => model.filter((m) => !m.deleted);
					const visibleText = () => visible().map((m) => m.ch).join('');
					for (const o of ops) {
						const len = visible().length;
						const w = writers[o.who];
						if (o.kind === 'insert') {
							const at = o.at % (len + 1);
							w.ytext.insert(at, o.text);
							const before = at < len ? model.indexOf(visible()[at]) : model.length;
							model.splice(before, 0, ...[...o.text].map((ch) => ({ ch, author: o.who === 2 ? ('B' as const) : ('A' as const), deleted: false })));
						} else {
							if (len === 0) continue;
							const at = o.at % len;
							const n = Math.min(o.len, len - at);
							w.ytext.delete(at, n);
							for (const m of visible().slice(at, at + n)) m.deleted = true;
						}
						const want = visibleText();
						await eventually(() => writers.every((c) => c.text === want) && s.realtime.texts.text(workshopId, entity) === want, 3000, 'convergence');
					}
					const expected = model
						.filter((m) => !m.deleted && m.author === 'B')
						.map((m) => m.ch)
						.join('');
					if (closeA) for (const c of writers.slice(0, 2)) c.destroy();
					// The document written and out of memory (erased from storage), or live with updates still pending.
					if (unload) s.realtime.texts.drop(workshopId, entity);
					s.realtime.texts.eraseAuthor(workshopId, { role: 'participant', id: a.id });
					// A document in which A inserted nothing is not theirs to rewrite: its snapshot follows on its own time.
					if (!ops.some((o) => o.kind === 'insert' && o.who < 2)) await eventually(() => s.deps.repos.texts.snapshot(docName) === expected && storedText(s, docName) === expected, 3000, 'written');
					expect(s.realtime.texts.text(workshopId, entity)).toBe(expected);
					expect(s.deps.repos.texts.snapshot(docName)).toBe(expected);
					expect(storedText(s, docName)).toBe(expected);
					expect(authorsOf(s, docName).every((x) => x.role === 'facilitator')).toBe(true);
					if (!unload) await eventually(() => writers[2].text === expected, 3000, 'B’s replica');
					else expect(s.realtime.yjs.loaded(docName)).toBeNull();
				} finally {
					for (const c of writers) c.destroy();
				}
			}),
			{ seed: 20261130, numRuns: 25 }
		);
	});
});
