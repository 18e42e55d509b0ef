import { expect } from 'vitest';
import { DEFAULT_SETTINGS, type Actor, type Board, type BoardSettings, type Card, type Cluster } from '$lib/features/board/domain';
import type { Result } from '$lib/domain/result';

/** A board in Collect with three columns, no lanes and the default settings, changed by `over`. */
export function makeBoard(over: Partial<Omit<Board, 'settings'>> & { settings?: Partial<BoardSettings> } = {}): Board {
	const { settings, ...rest } = over;
	return {
		id: 'b1',
		workshopId: 'w1',
		title: 'Retro',
		phase: 'collect',
		columns: [
			{ id: 'c1', title: 'Ideas', wipLimit: null },
			{ id: 'c2', title: 'Discuss', wipLimit: null },
			{ id: 'c3', title: 'Decided', wipLimit: null }
		],
		lanes: [],
		votingClosed: false,
		discussItemId: null,
		...rest,
		settings: { ...DEFAULT_SETTINGS, ...settings }
	};
}

/** A visible, revealed card by participant p1 in column c1. */
export function makeCard(over: Partial<Card> = {}): Card {
	return {
		id: 'k1',
		boardId: 'b1',
		authorId: 'p1',
		authorRole: 'participant',
		text: 'More pairing',
		columnId: 'c1',
		laneId: null,
		clusterId: null,
		position: 1,
		status: 'visible',
		revealed: true,
		createdAt: 1_000,
		...over
	};
}

/** A cluster in column c1. */
export function makeCluster(over: Partial<Cluster> = {}): Cluster {
	return { id: 'g1', boardId: 'b1', title: 'Process', columnId: 'c1', laneId: null, position: 1, createdAt: 500, ...over };
}

export const facilitator: Actor = { role: 'facilitator', id: 'f1' };
export const participant: Actor = { role: 'participant', id: 'p1' };
export const otherParticipant: Actor = { role: 'participant', id: 'p2' };

/** Asserts the rule allowed the action and returns its value. */
export function expectOk<T, R extends string>(r: Result<T, R>): T {
	if (!r.ok) throw new Error(`expected ok, got refusal "${r.reason}"`);
	return r.value;
}

/** Asserts the rule refused with exactly this reason. */
export function expectRefused<T, R extends string>(r: Result<T, R>, reason: R): void {
	expect(r).toEqual({ ok: false, reason });
}
