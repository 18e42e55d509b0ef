import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { deletesKnown, inspectTextUpdate } from '../../../server/realtime/text-update';
import { mapPosition, textChange } from '../../../src/lib/components/ui/text-diff';

/** The updates a document emits while `edit` runs. */
function updatesOf(doc: Y.Doc, edit: () => void): Uint8Array[] {
	const out: Uint8Array[] = [];
	const on = (u: Uint8Array) => out.push(u);
	doc.on('update', on);
	edit();
	doc.off('update', on);
	return out;
}

const known = (doc: Y.Doc) => (client: number) => Y.getState(doc.store, client);

/** A random plain-text edit: insert a string or delete a range, anywhere. */
const textOp = fc.oneof(
	fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }) }),
	fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 10 }) })
);

function applyOp(t: Y.Text, op: { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; len: number }) {
	if (op.kind === 'insert') t.insert(op.at % (t.length + 1), op.text);
	else if (t.length > 0) {
		const at = op.at % t.length;
		t.delete(at, Math.min(op.len, t.length - at));
	}
}

describe('inspectTextUpdate', () => {
	it('names the client ids of the structs the document lacks, and only those (who wrote, for erasure)', () => {
		const server = new Y.Doc();
		const a = new Y.Doc();
		const b = new Y.Doc();
		a.getText('text').insert(0, 'from a');
		Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(server));
		b.getText('text').insert(0, 'from b ');
		b.getText('text').delete(7, 2);
		// b's whole state (a sync step 2 from an empty server vector): a's structs are known, b's are new.
		const r = inspectTextUpdate(Y.encodeStateAsUpdate(b), known(server));
		expect(r.ok && [...r.freshClients]).toEqual([b.clientID]);
		// A deletion alone creates nothing.
		const del = updatesOf(a, () => a.getText('text').delete(0, 1));
		const d = inspectTextUpdate(del[0], known(server));
		expect(d.ok && d.freshClients.size).toBe(0);
	});

	it('passes every update of random plain-text edits by several writers, and counts the characters they add', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), textOp), { minLength: 1, maxLength: 40 }), (ops) => {
				const server = new Y.Doc();
				server.getText('text');
				const writers = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
				for (const w of writers) Y.applyUpdate(w, Y.encodeStateAsUpdate(server));
				for (const [who, op] of ops) {
					const w = writers[who];
					// Each writer first catches up with the server, as a connected replica would.
					Y.applyUpdate(w, Y.encodeStateAsUpdate(server, Y.encodeStateVector(w)));
					for (const u of updatesOf(w, () => applyOp(w.getText('text'), op))) {
						const before = server.getText('text').length;
						const r = inspectTextUpdate(u, known(server));
						expect(r.ok).toBe(true);
						Y.applyUpdate(server, u);
						if (r.ok && op.kind === 'insert') expect(server.getText('text').length).toBe(before + r.addedChars);
					}
				}
				// A sync step 2 of a writer holding everything already: nothing fresh.
				const step2 = Y.encodeStateAsUpdate(writers[0], Y.encodeStateVector(server));
				const again = inspectTextUpdate(step2, known(server));
				expect(again.ok && again.freshStructs).toBe(false);
				expect(again.ok && deletesKnown(again.ds, server)).toBe(true);
			}),
			{ numRuns: 100 }
		);
	});

	it('refuses every update that writes a Y.Map, whatever the values', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 10 }),
				fc.constantFrom('text', 'map', 'other'),
				(entries, root) => {
					const doc = new Y.Doc();
					const updates = updatesOf(doc, () => {
						const m = doc.getMap(root);
						for (const [k, v] of entries) m.set(k, v);
					});
					for (const u of updates) expect(inspectTextUpdate(u).ok).toBe(false);
				}
			),
			{ numRuns: 100 }
		);
	});

	it('names why it refuses: another root, a map entry, a nested type, a subdocument, binary, rich text', () => {
		const reasonOf = (edit: (d: Y.Doc) => void) => {
			const d = new Y.Doc();
			const r = inspectTextUpdate(mergeAll(updatesOf(d, () => edit(d))));
			return r.ok ? 'ok' : r.reason;
		};
		expect(reasonOf((d) => d.getText('text').insert(0, 'hello'))).toBe('ok');
		expect(reasonOf((d) => d.getText('notes').insert(0, 'hello'))).toBe('root');
		expect(reasonOf((d) => d.getArray('list').push(['x']))).toBe('root');
		expect(reasonOf((d) => d.getMap('text').set('k', 1))).toBe('map_entry');
		expect(reasonOf((d) => d.getText('text').insertEmbed(0, { image: 'x' }))).toBe('rich_content');
		expect(reasonOf((d) => d.getText('text').insert(0, 'bold', { bold: true }))).toBe('rich_content');
		// A nested type inside the text root, and a subdocument, written through the lower-level array API of a second
		// document whose root of the same name is an array.
		expect(reasonOf((d) => d.getArray('text').push([new Y.Text('nested')]))).toBe('nested_type');
		expect(reasonOf((d) => d.getArray('text').push([new Y.Doc()]))).toBe('subdocument');
		expect(reasonOf((d) => d.getArray('text').push([new Uint8Array([1, 2, 3])]))).toBe('binary');
		expect(reasonOf((d) => d.getArray('text').push([{ a: 1 }]))).toBe('content');
	});

	it('refuses an update that depends on structs the document lacks (pending in Yjs, out of its size)', () => {
		const a = new Y.Doc();
		const [first, second] = updatesOf(a, () => {
			a.getText('text').insert(0, 'one');
			a.getText('text').insert(3, ' two');
		});
		const server = new Y.Doc();
		const r = inspectTextUpdate(second, known(server));
		expect(r.ok ? 'ok' : r.reason).toBe('missing_dependency');
		Y.applyUpdate(server, first);
		expect(inspectTextUpdate(second, known(server)).ok).toBe(true);
	});

	it('throws on garbage, never accepts it', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => {
				try {
					const r = inspectTextUpdate(bytes);
					// Some byte strings are valid empty or text-only updates; they must then apply cleanly.
					if (r.ok) {
						const d = new Y.Doc();
						d.getText('text');
						Y.applyUpdate(d, bytes);
					}
				} catch {
					/* refused */
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('tells whether a delete set is known to the document', () => {
		const doc = new Y.Doc();
		const t = doc.getText('text');
		t.insert(0, 'abcdef');
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		other.getText('text').delete(1, 2);
		const fresh = inspectTextUpdate(Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), known(doc));
		expect(fresh.ok && deletesKnown(fresh.ds, doc)).toBe(false);
		t.delete(1, 2);
		expect(fresh.ok && deletesKnown(fresh.ds, doc)).toBe(true);
	});
});

function mergeAll(updates: Uint8Array[]): Uint8Array {
	return updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
}

describe('SharedText’s diff and caret mapping', () => {
	it('one delete + insert turns any text into any other, starting at or before the caret', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), fc.nat(), (before, after, c) => {
				const caret = c % (after.length + 1);
				const { at, remove, insert } = textChange(before, after, caret);
				expect(before.slice(0, at) + insert + before.slice(at + remove)).toBe(after);
			})
		);
		// Typing an "a" after the first of "aa" inserts it there, not at the end.
		expect(textChange('aa', 'aaa', 2)).toEqual({ at: 1, remove: 0, insert: 'a' });
	});

	it('moves the caret with the text around it when others insert or delete', () => {
		fc.assert(
			fc.property(fc.string({ minLength: 1, maxLength: 20 }), textOp, fc.nat(), (base, op, c) => {
				const doc = new Y.Doc();
				const t = doc.getText('text');
				t.insert(0, base);
				const caret = c % (base.length + 1);
				let delta: never[] = [];
				t.observe((e) => (delta = e.delta as never[]));
				// The oracle: where the edit happens relative to the caret.
				let want = caret;
				if (op.kind === 'insert') {
					const at = op.at % (t.length + 1);
					if (at < caret) want = caret + op.text.length;
				} else {
					const at = op.at % t.length;
					const len = Math.min(op.len, t.length - at);
					if (at + len <= caret) want = caret - len;
					else if (at < caret) want = at;
				}
				applyOp(t, op);
				expect(mapPosition(delta, caret)).toBe(want);
			})
		);
		expect(mapPosition([{ retain: 2 }, { insert: 'xyz' }], 5)).toBe(8);
		expect(mapPosition([{ retain: 5 }, { insert: 'xyz' }], 2)).toBe(2);
		expect(mapPosition([{ delete: 3 }], 5)).toBe(2);
		expect(mapPosition([{ retain: 1 }, { delete: 10 }], 5)).toBe(1);
	});
});
