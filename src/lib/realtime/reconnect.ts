/**
 * How the app's clients reconnect, in one place so that the load benchmark's simulated phones behave exactly like
 * the real ones (bench/lib/clients.ts imports this).
 */

/** socket.io: first retry after about 0.5 s, doubling to at most 8 s, each with +/-50 % jitter (a hall's herd spreads). */
export const SOCKET_RECONNECT = { reconnectionDelay: 500, reconnectionDelayMax: 8000, randomizationFactor: 0.5 } as const;

/** The Yjs replica: every connection starts a fresh document; a lost one is retried after this delay. */
export function docRetryDelay(attempt: number, random: number): number {
	return Math.min(10_000, 250 * 2 ** attempt) * (0.5 + random);
}

/** y-websocket drops a connection that received nothing for 30 s; asking for the state every 12 s keeps it alive. */
export const RESYNC_MS = 12_000;
