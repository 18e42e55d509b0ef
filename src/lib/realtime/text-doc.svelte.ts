import type * as Y from 'yjs';
import type { TextAccessLevel } from '../protocol/texts';
import { TextConnection, type TextEnded, type TextStatus } from './text-connection';

/**
 * A co-edited text document in the browser (`/yjs/<workshopId>/text/<entity>`), as runes: `text`, `status` and
 * `canWrite` are reactive; `ytext` is the Y.Text for an editor binding (see SharedText.svelte). The document is kept
 * across reconnects, so offline edits merge when the connection returns. Call `destroy()` when done.
 */
export class TextDoc {
	text = $state('');
	status = $state<TextStatus>('connecting');
	access = $state<TextAccessLevel | null>(null);
	ended = $state<TextEnded | null>(null);
	readonly canWrite = $derived(this.access === 'write' && this.ended === null);
	readonly #conn: TextConnection;

	constructor(workshopId: string, entity: string, opts: { projectorToken?: string } = {}) {
		const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
		this.#conn = new TextConnection({ base: `${proto}//${location.host}/yjs`, workshopId, entity, projectorToken: opts.projectorToken });
		this.#conn.subscribe(() => this.#sync());
		this.#sync();
	}

	get ytext(): Y.Text {
		return this.#conn.ytext;
	}

	#sync() {
		const c = this.#conn;
		this.text = c.text;
		this.status = c.status;
		this.access = c.access;
		this.ended = c.ended;
	}

	destroy() {
		this.#conn.destroy();
	}
}
