import * as Y from 'yjs';
import { TEXT_ROOT } from '../../src/lib/protocol/texts';

type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];
type Id = { client: number; clock: number };

/** Why an update was refused as not plain text, or as not applicable at once. */
export type TextRefusal = 'root' | 'map_entry' | 'nested_type' | 'subdocument' | 'binary' | 'rich_content' | 'content' | 'missing_dependency';

export type TextInspection =
	| {
			ok: true;
			/** Whether it carries structs the document does not have yet. */
			freshStructs: boolean;
			/** Characters (UTF-16 code units) it inserts that the document does not have yet; deletions not subtracted. */
			addedChars: number;
			/** Its delete set (a sync step 2 carries the sender's whole one). */
			ds: DeleteSet;
			/** The client ids of its structs the document does not have yet (whose authors it would add). */
			freshClients: Set<number>;
	  }
	| { ok: false; reason: TextRefusal };

/**
 * Inspects a Yjs update (v1, as y-websocket sends them) before it is applied to a text document, whose only root
 * is the Y.Text `text`. `known(client)` is the document's clock for a client (`Y.getState(doc.store, client)`).
 *
 * Refused: an item whose parent is another root (a second root, a Y.Map created by `doc.getMap`), a map entry
 * (parentSub), an item inside a nested type (its parent is an item id: a text document has no types but the root),
 * and any content but strings and deleted ranges: nested types (ContentType), subdocuments (ContentDoc), binary,
 * embeds and formatting (rich text), JSON and Any (arrays and maps). Also refused: an update that depends on structs
 * the document does not have (a gap in a client's clock, an origin or a deletion beyond what is known), which Yjs
 * would keep aside as pending, in memory and out of the document's size; a y-websocket client never sends one, since
 * the server has everything a client built on.
 * Throws on a malformed update (the caller closes that connection).
 */
export function inspectTextUpdate(update: Uint8Array, known: (client: number) => number = () => 0): TextInspection {
	const { structs, ds } = Y.decodeUpdate(update);
	let freshStructs = false;
	let addedChars = 0;
	const freshClients = new Set<number>();
	// How far each client's clock reaches with this update applied (what the document has, then contiguous structs).
	const reach = new Map<number, number>();
	const reachOf = (client: number) => reach.get(client) ?? known(client);
	for (const s of structs) {
		if (s instanceof Y.Skip) continue;
		const have = known(s.id.client);
		const r = reachOf(s.id.client);
		if (s.id.clock > r) return { ok: false, reason: 'missing_dependency' };
		reach.set(s.id.client, Math.max(r, s.id.clock + s.length));
		const fresh = s.id.clock + s.length > have;
		if (fresh) {
			freshStructs = true;
			freshClients.add(s.id.client);
		}
		if (s instanceof Y.GC) continue;
		const item = s as Y.Item;
		const parent = item.parent as unknown;
		if (typeof parent === 'string') {
			if (parent !== TEXT_ROOT) return { ok: false, reason: 'root' };
		} else if (parent !== null) return { ok: false, reason: 'nested_type' };
		if (item.parentSub !== null) return { ok: false, reason: 'map_entry' };
		const c = item.content;
		if (c instanceof Y.ContentString) {
			if (fresh) addedChars += Math.min(item.length, s.id.clock + s.length - have);
		} else if (c instanceof Y.ContentDeleted) {
			// a deleted range: no content
		} else if (c instanceof Y.ContentType) return { ok: false, reason: 'nested_type' };
		else if (c instanceof Y.ContentDoc) return { ok: false, reason: 'subdocument' };
		else if (c instanceof Y.ContentBinary) return { ok: false, reason: 'binary' };
		else if (c instanceof Y.ContentFormat || c instanceof Y.ContentEmbed) return { ok: false, reason: 'rich_content' };
		else return { ok: false, reason: 'content' };
	}
	const reachable = (id: Id | null) => id === null || id.clock < reachOf(id.client);
	for (const s of structs) {
		if (!(s instanceof Y.Item)) continue;
		if (!reachable(s.origin) || !reachable(s.rightOrigin)) return { ok: false, reason: 'missing_dependency' };
	}
	for (const [client, ranges] of ds.clients) for (const r of ranges) if (r.clock + r.len > reachOf(client)) return { ok: false, reason: 'missing_dependency' };
	return { ok: true, freshStructs, addedChars, ds, freshClients };
}

/** Whether every range an update deletes is deleted in the document already (so the update changes nothing). */
export function deletesKnown(ds: DeleteSet, doc: Y.Doc): boolean {
	if (ds.clients.size === 0) return true;
	const have = Y.createDeleteSetFromStructStore(doc.store);
	for (const [client, ranges] of ds.clients) {
		const mine = have.clients.get(client) ?? [];
		for (const r of ranges) if (r.len > 0 && !covered(mine, r.clock, r.len)) return false;
	}
	return true;
}

/** Whether [clock, clock + len) lies within the sorted, merged ranges. */
function covered(ranges: { clock: number; len: number }[], clock: number, len: number): boolean {
	let lo = 0;
	let hi = ranges.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const r = ranges[mid];
		if (clock < r.clock) hi = mid - 1;
		else if (clock >= r.clock + r.len) lo = mid + 1;
		else return clock + len <= r.clock + r.len;
	}
	return false;
}
