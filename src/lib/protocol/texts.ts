/**
 * Co-edited text documents: the address, the limits and the close codes, shared by the server
 * (server/realtime/text-docs.ts) and the browser (src/lib/realtime/text-doc.svelte.ts).
 */

/** The entity part of `<workshopId>/text/<entity>`; a module uses e.g. `<activityId>.<itemId>`. */
export const TEXT_ENTITY_RE = /^[A-Za-z0-9_.-]{1,130}$/;

/** The one root type of a text document: a Y.Text of this name. */
export const TEXT_ROOT = 'text';

export const TEXT_LIMITS = {
	/** One update message (a keystroke is tens of bytes; a paste of a page a few KB). */
	maxUpdateBytes: 32 * 1024,
	/** Characters (UTF-16 code units, as Y.Text counts them) in one document. */
	maxChars: 50_000,
	/** The document's encoded state (its content plus the CRDT's metadata). */
	maxDocBytes: 256 * 1024,
	/** Per connection: a burst of this many updates, */
	burst: 60,
	/** then this many a second (a fast typist sends a few). */
	perSecond: 20
} as const;

/**
 * Close codes of a text connection. y-websocket treats 4400-4499 as final (no reconnect: sending the same edit
 * again would be refused again) and everything else as "reconnect".
 */
export const TEXT_CLOSE = {
	/** A frame that is not the protocol, or an update that is not plain text (another root, a map entry, an embed). */
	refused: 4400,
	/** No access (any more), or a reader sent an edit. */
	forbidden: 4403,
	/** An update over the per-update cap, or one that would take the document past its cap. */
	tooLarge: 4413,
	/** Access changed from read to write or back: reconnect to be authorised anew. */
	reauthorize: 4501,
	/** Too many updates: reconnect after the usual back-off (unsent edits are sent again by the sync). */
	rateLimited: 4529
} as const;

/** A frame the server sends after its first sync step, saying what this connection may do: varString 'write' | 'read'. */
export const MSG_TEXT_ACCESS = 64;

export type TextAccessLevel = 'write' | 'read';
