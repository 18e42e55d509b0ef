import type { RecordableHistogram } from 'node:perf_hooks';
import type { Response } from '../src/lib/protocol/events';
import type { Caller } from './realtime/gateway';

/** Which facilitator connections to end: one session, or all of a user's (in one workshop, or all but one session). */
export interface FacilitatorMatch {
	userId: string;
	sessionHash?: string;
	exceptSessionHash?: string;
	workshopId?: string;
}

/** What the live side reports to /healthz. */
export interface LiveStats {
	sockets: number;
	yjsRooms: number;
	commandTime: RecordableHistogram;
}

/** What the live side does when the HTTP side asks (attachRealtime registers it). */
export interface LiveRooms {
	endFacilitator(match: FacilitatorMatch, reason?: 'revoked' | 'removed'): void;
	stats(): LiveStats;
	/** The text now of the shared texts being edited (loaded), by entity, whose entity starts with the prefix. */
	liveTexts(workshopId: string, entityPrefix: string): Map<string, string>;
	/** Applies a command sent from a page (see `Gateway.command`). */
	command(caller: Caller, name: string, payload: unknown): Response<unknown>;
}

/**
 * How the HTTP side (pages, forms, services) tells the live rooms about changes it made, without knowing them:
 * signing out or changing a password ends a facilitator's live connections (and so does the owner removing a
 * co-facilitator, from the gateway). attachRealtime subscribes; with no
 * live side attached (a script, a unit test) a notice goes nowhere.
 */
export class Notifier {
	private rooms: LiveRooms | null = null;

	/** Called once by attachRealtime; returns the function that detaches it again. */
	attach(rooms: LiveRooms): () => void {
		this.rooms = rooms;
		return () => {
			if (this.rooms === rooms) this.rooms = null;
		};
	}

	/**
	 * Ends the live connections (socket.io and Yjs) of a facilitator's sessions that match; they are told why
	 * (`revoked`: signed out elsewhere; `removed`: the owner removed them from the workshop).
	 */
	endFacilitator(match: FacilitatorMatch, reason: 'revoked' | 'removed' = 'revoked') {
		this.rooms?.endFacilitator(match, reason);
	}

	/**
	 * Shared texts as they are now: the stored snapshots (written a second after a change) with the text of
	 * documents being edited right now laid over them, by entity. An export made mid-sentence has that sentence.
	 */
	texts(snapshots: Map<string, { text: string }>, workshopId: string, entityPrefix: string): Map<string, string> {
		const out = new Map([...snapshots].map(([entity, s]) => [entity, s.text]));
		for (const [entity, text] of this.rooms?.liveTexts(workshopId, entityPrefix) ?? []) out.set(entity, text);
		return out;
	}

	/**
	 * Applies a command a page's form sent (a juror's scores, a consent given after the workshop closed) on the live
	 * write path: the same checks, transaction, receipt, events and projection as a socket's. Without a live side
	 * (a script) it is refused as `internal`.
	 */
	command(caller: Caller, name: string, payload: unknown): Response<unknown> {
		return this.rooms ? this.rooms.command(caller, name, payload) : { ok: false, error: 'internal' };
	}

	/** Live figures for /healthz, or null when nothing is attached. */
	stats(): LiveStats | null {
		return this.rooms?.stats() ?? null;
	}
}
