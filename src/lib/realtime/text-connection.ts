import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import { MSG_TEXT_ACCESS, TEXT_CLOSE, TEXT_ROOT, type TextAccessLevel } from '../protocol/texts';
import { RESYNC_MS } from './reconnect';

export type TextStatus = 'connecting' | 'online' | 'offline';
/** Why the server ended the connection for good (y-websocket does not reconnect after a 44xx close). */
export type TextEnded = 'forbidden' | 'refused' | 'too_large';

export interface TextConnectionOptions {
	/** The Yjs endpoint, e.g. `wss://host/yjs`. */
	base: string;
	workshopId: string;
	entity: string;
	projectorToken?: string;
	/** Node (tests, benchmark): a WebSocket class, e.g. one that sends a cookie. */
	WebSocketPolyfill?: unknown;
	maxBackoffTime?: number;
}

/**
 * One co-edited text document over y-websocket, without Svelte (the runes class `TextDoc` wraps it; tests and the
 * benchmark use it as is). The Y.Doc lives as long as this object: after a lost connection or a server restart the
 * provider reconnects with the same document, so edits made offline are merged on the server when it is back, and
 * the server's stored state (the same structs, never rebuilt) merges without duplicating anything.
 */
export class TextConnection {
	readonly doc = new Y.Doc();
	readonly ytext: Y.Text = this.doc.getText(TEXT_ROOT);
	readonly provider: WebsocketProvider;
	status: TextStatus = 'connecting';
	/** What the server granted on the current connection (null until it said). */
	access: TextAccessLevel | null = null;
	ended: TextEnded | null = null;
	/** Close codes the server sent, in order (for tests and diagnostics). */
	readonly closes: number[] = [];
	private listeners = new Set<() => void>();

	constructor(opts: TextConnectionOptions) {
		// No awareness (cursors) on text documents: the server does not relay it, so nothing is sent.
		const awareness = new Awareness(this.doc);
		awareness.setLocalState(null);
		this.provider = new WebsocketProvider(`${opts.base}/${opts.workshopId}/text`, opts.entity, this.doc, {
			awareness,
			params: opts.projectorToken ? { projector: opts.projectorToken } : {},
			disableBc: true,
			resyncInterval: RESYNC_MS,
			maxBackoffTime: opts.maxBackoffTime ?? 10_000,
			...(opts.WebSocketPolyfill ? { WebSocketPolyfill: opts.WebSocketPolyfill as never } : {})
		});
		this.provider.messageHandlers[MSG_TEXT_ACCESS] = (_enc, dec) => {
			const level = decoding.readVarString(dec);
			this.access = level === 'write' ? 'write' : 'read';
			this.changed();
		};
		this.provider.on('sync', (synced: boolean) => {
			if (synced) this.set('online');
		});
		this.provider.on('status', ({ status }: { status: string }) => {
			if (status === 'connecting') this.set('connecting');
			else if (status === 'disconnected') this.set('offline');
		});
		this.provider.on('connection-close', (event: CloseEvent | null) => {
			if (event) this.closes.push(event.code);
			this.set('offline');
		});
		this.provider.on('closed', ({ code }: { code: number }) => {
			this.ended = code === TEXT_CLOSE.forbidden ? 'forbidden' : code === TEXT_CLOSE.tooLarge ? 'too_large' : 'refused';
			this.access = null;
			this.set('offline');
		});
		this.ytext.observe(() => this.changed());
	}

	get canWrite(): boolean {
		return this.access === 'write' && this.ended === null;
	}

	get text(): string {
		return this.ytext.toString();
	}

	/** Called after any change of text, status or access. */
	subscribe(fn: () => void): () => void {
		this.listeners.add(fn);
		return () => this.listeners.delete(fn);
	}

	private set(status: TextStatus) {
		if (this.status === status) return;
		// The access stays while offline: a writer keeps writing, and the edits go out when the connection is back.
		this.status = status;
		this.changed();
	}

	private changed() {
		for (const fn of this.listeners) fn();
	}

	destroy() {
		this.listeners.clear();
		this.provider.destroy();
		this.doc.destroy();
	}
}
