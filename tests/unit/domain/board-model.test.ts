import { describe, expect, it } from 'vitest';
import { layoutBoard } from '../../../src/lib/features/board/board-model';
import { DEFAULT_SETTINGS } from '../../../src/lib/features/board/domain';
import type { BoardView, CardView, ClusterView } from '../../../src/lib/features/board/views';

const board = (lanes: { id: string; title: string }[] = []): BoardView => ({
	id: 'b',
	title: 'Board',
	phase: 'group',
	columns: [
		{ id: 'c1', title: 'Ideas', wipLimit: 3 },
		{ id: 'c2', title: 'Doing', wipLimit: null }
	],
	lanes,
	settings: DEFAULT_SETTINGS,
	votingClosed: false,
	discussItemId: null,
	hiddenCount: 0,
	unseen: { private: 0, pending: 0, hidden: 0 }
});

let n = 0;
const card = (id: string, columnId: string, position: number, extra: Partial<CardView> = {}): CardView => ({
	id,
	boardId: 'b',
	text: id,
	columnId,
	laneId: null,
	clusterId: null,
	position,
	createdAt: ++n,
	author: null,
	...extra
});
const cluster = (id: string, columnId: string, position: number, laneId: string | null = null): ClusterView => ({ id, boardId: 'b', title: id, columnId, laneId, position, createdAt: ++n });

describe('layoutBoard: one order on every screen', () => {
	it('puts groups first, then loose cards, each by position', () => {
		const cards = [card('late', 'c1', 1), card('early', 'c1', 0.5), card('in-g2', 'c1', 9, { clusterId: 'g2' }), card('in-g1', 'c1', 0, { clusterId: 'g1' })];
		const [c1] = layoutBoard(board(), cards, [cluster('g2', 'c1', 100), cluster('g1', 'c1', 200)]);
		expect(c1.lanes).toHaveLength(1);
		expect(c1.lanes[0].items.map((i) => i.id)).toEqual(['g2', 'g1', 'early', 'late']);
	});

	it('shows lanes in the board’s order and the "no lane" row last, only when something is in it', () => {
		const b = board([
			{ id: 'l2', title: 'Second' },
			{ id: 'l1', title: 'First' }
		]);
		const sections = layoutBoard(b, [card('a', 'c1', 1, { laneId: 'l1' }), card('b', 'c1', 2), card('gone', 'c1', 3, { laneId: 'removed-lane' })], []);
		expect(sections[0].lanes.map((l) => l.lane?.id ?? null)).toEqual(['l2', 'l1', null]);
		expect(sections[0].lanes[2].items.map((i) => i.id)).toEqual(['b', 'gone']);
		expect(sections[1].lanes.map((l) => l.lane?.id ?? null)).toEqual(['l2', 'l1']);
	});

	it('counts cards, not groups: an empty group adds nothing to the card count nor to the WIP count', () => {
		const cards = [card('x', 'c1', 1, { clusterId: 'g' }), card('y', 'c1', 2, { clusterId: 'g' }), card('z', 'c1', 3)];
		const [c1, c2] = layoutBoard(board(), cards, [cluster('g', 'c1', 1), cluster('empty', 'c1', 2), cluster('empty2', 'c2', 1)]);
		expect(c1.cardCount).toBe(3);
		expect(c1.wip).toEqual({ columnId: 'c1', count: 2, limit: 3, exceeded: false });
		expect(c2.cardCount).toBe(0);
		expect(c2.wip.count).toBe(0);
		// The empty groups are still shown (a place to drop cards).
		expect(c1.lanes[0].items.map((i) => i.id)).toEqual(['g', 'empty', 'z']);
	});

	it('leaves cards a facilitator hid out of the WIP count (staff replicas carry them), but shows and counts them as cards', () => {
		const cards = [card('a', 'c1', 1), card('b', 'c1', 2, { status: 'hidden' }), card('c', 'c1', 3), card('d', 'c1', 4), card('e', 'c1', 5, { status: 'pending' })];
		const [c1] = layoutBoard(board(), cards, []);
		expect(c1.cardCount).toBe(5);
		expect(c1.wip).toMatchObject({ count: 4, exceeded: true });
	});
});
