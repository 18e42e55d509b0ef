import { describe, expect, it } from 'vitest';
import { cardViewFromDoc, storeCardView, type CardView } from '../../src/lib/features/board/views';

const base: CardView = {
	id: 'c1',
	boardId: 'b1',
	text: 'More water fountains',
	columnId: 'col1',
	laneId: null,
	clusterId: null,
	position: 1,
	createdAt: 1700000000000,
	author: null
};

describe('the document form of a card', () => {
	it('leaves out the fields at their usual value and reads back the same view', () => {
		const staff: CardView = { ...base, status: 'visible', authorName: 'Alex', hidden: false };
		const stored = storeCardView(staff);
		expect(Object.keys(stored)).not.toContain('laneId');
		expect(Object.keys(stored)).not.toContain('clusterId');
		expect(Object.keys(stored)).not.toContain('hidden');
		expect(cardViewFromDoc(stored)).toEqual({ ...staff, hidden: undefined });
		expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(staff).length - 30);
	});

	it('keeps a lane, a cluster and the hidden flag', () => {
		const v: CardView = { ...base, laneId: 'l1', clusterId: 'k1', hidden: true, status: 'pending', authorName: 'Bo' };
		expect(cardViewFromDoc(storeCardView(v))).toEqual(v);
	});
});
