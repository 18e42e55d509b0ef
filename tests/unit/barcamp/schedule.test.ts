import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellKey, cellMap, gridRows, movedAcksKey, movedNotices, mySchedule, readMovedAcks } from '$lib/features/barcamp/schedule';
import type { PlacementView, ProposalView, RoomView, SlotView } from '$lib/features/barcamp/views';

const H = 3600_000;
const room = (id: string, name = id): RoomView => ({ id, name, capacity: 30, features: [] });
const slot = (id: string, start: number, kind: SlotView['kind'] = 'sessions', label = ''): SlotView => ({ id, start, end: start + H, kind, label });
const proposal = (id: string, title = `Session ${id}`): ProposalView => ({
	id,
	activityId: 'a1',
	title,
	description: '',
	format: 'talk',
	needs: [],
	proposer: 'Ada',
	cohosts: [],
	position: 0,
	createdAt: 0
});
const place = (proposalId: string, roomId: string, slotId: string, moved?: { at: number; from: { roomId: string; slotId: string } }): PlacementView => ({
	proposalId,
	activityId: 'a1',
	roomId,
	slotId,
	...(moved ? { movedAt: moved.at, from: moved.from } : {})
});

const camp = {
	rooms: [room('rA', 'Room A'), room('rB', 'Room B'), room('rC', 'Room C')],
	slots: [slot('s2', 11 * H), slot('lunch', 12 * H, 'break', 'Lunch'), slot('s1', 10 * H)]
};

describe('gridRows', () => {
	it('orders slots by time and sessions by the rooms, breaks without sessions', () => {
		const rows = gridRows(camp, [proposal('p1'), proposal('p2'), proposal('p3')], [place('p1', 'rC', 's1'), place('p2', 'rA', 's1'), place('p3', 'rB', 's2')]);
		expect(rows.map((r) => r.slot.id)).toEqual(['s1', 's2', 'lunch']);
		expect(rows[0].sessions.map((s) => [s.proposal.id, s.room.name])).toEqual([
			['p2', 'Room A'],
			['p1', 'Room C']
		]);
		expect(rows[2].sessions).toEqual([]);
	});

	it('leaves out placements whose proposal, room or slot the replica does not know, and any in a break', () => {
		const rows = gridRows(camp, [proposal('p1'), proposal('p2'), proposal('p4')], [place('gone', 'rA', 's1'), place('p1', 'nope', 's1'), place('p2', 'rA', 'nope'), place('p4', 'rA', 'lunch')]);
		expect(rows.flatMap((r) => r.sessions)).toEqual([]);
	});

	it('keeps every known placement exactly once, in its slot and room (property)', () => {
		const rooms = ['rA', 'rB', 'rC'];
		const slots = ['s1', 's2', 'lunch'];
		fc.assert(
			fc.property(fc.array(fc.record({ room: fc.constantFrom(...rooms, 'x'), slot: fc.constantFrom(...slots, 'y') }), { maxLength: 20 }), (ps) => {
				const placements = ps.map((p, i) => place(`p${i}`, p.room, p.slot));
				const rows = gridRows(camp, placements.map((p) => proposal(p.proposalId)), placements);
				const shown = rows.flatMap((r) => r.sessions.map((s) => [s.proposal.id, s.slot.id, s.room.id].join()));
				const expected = placements.filter((p) => rooms.includes(p.roomId) && ['s1', 's2'].includes(p.slotId)).map((p) => [p.proposalId, p.slotId, p.roomId].join());
				expect(shown.sort()).toEqual(expected.sort());
				const cells = cellMap(rows);
				for (const p of placements.filter((x) => rooms.includes(x.roomId) && ['s1', 's2'].includes(x.slotId)))
					expect(cells.get(cellKey(p.slotId, p.roomId))).toBeDefined();
			})
		);
	});
});

describe('mySchedule', () => {
	const rows = gridRows(camp, ['p1', 'p2', 'p3', 'p4'].map((id) => proposal(id)), [
		place('p1', 'rA', 's1'),
		place('p2', 'rB', 's1'),
		place('p3', 'rA', 's2'),
		place('p4', 'rB', 's2')
	]);

	it('lists only the slots with something of mine, hosting before starred', () => {
		const mine = mySchedule(rows, new Set(['p3']), new Set(['p1']));
		expect(mine.map((s) => [s.slot.id, s.hosting.map((x) => x.proposal.id), s.starred.map((x) => x.proposal.id), s.clash])).toEqual([
			['s1', [], ['p1'], false],
			['s2', ['p3'], [], false]
		]);
	});

	it('calls two starred sessions in one slot a clash', () => {
		expect(mySchedule(rows, new Set(), new Set(['p1', 'p2']))[0].clash).toBe(true);
	});

	it('calls a starred session while hosting another a clash, but not starring the one I host', () => {
		expect(mySchedule(rows, new Set(['p3']), new Set(['p4']))[0].clash).toBe(true);
		const own = mySchedule(rows, new Set(['p3']), new Set(['p3']));
		expect(own[0]).toMatchObject({ clash: false });
		expect(own[0].starred).toEqual([]);
	});
});

describe('movedNotices', () => {
	const from = { roomId: 'rA', slotId: 's1' };
	const rows = gridRows(camp, [proposal('p1', 'Kubernetes'), proposal('p2'), proposal('p3')], [
		place('p1', 'rB', 's2', { at: 1000, from }),
		place('p2', 'rC', 's2', { at: 2000, from }),
		place('p3', 'rA', 's1')
	]);

	it('tells me about my sessions that moved, newest first, with where and when they are now', () => {
		const n = movedNotices(rows, new Set(['p1', 'p2', 'p3']), {});
		expect(n.map((x) => x.proposalId)).toEqual(['p2', 'p1']);
		expect(n[1]).toMatchObject({ title: 'Kubernetes', room: { name: 'Room B' }, slot: { id: 's2' }, movedAt: 1000 });
	});

	it('says nothing about sessions that are not mine', () => {
		expect(movedNotices(rows, new Set(['p3']), {})).toEqual([]);
	});

	it('keeps a dismissed move quiet until the session moves again', () => {
		expect(movedNotices(rows, new Set(['p1']), { p1: 1000 })).toEqual([]);
		const again = gridRows(camp, [proposal('p1')], [place('p1', 'rC', 's1', { at: 5000, from: { roomId: 'rB', slotId: 's2' } })]);
		expect(movedNotices(again, new Set(['p1']), { p1: 1000 }).map((x) => x.movedAt)).toEqual([5000]);
	});
});

describe('readMovedAcks', () => {
	const store = (value: string | null) => ({ getItem: (k: string) => (k === movedAcksKey('w1') ? value : null) });

	it('reads what was stored for the workshop', () => {
		expect(readMovedAcks(store(JSON.stringify({ p1: 1000 })), 'w1')).toEqual({ p1: 1000 });
	});

	it('treats missing, damaged or foreign content as nothing acknowledged', () => {
		expect(readMovedAcks(null, 'w1')).toEqual({});
		expect(readMovedAcks(store(null), 'w1')).toEqual({});
		expect(readMovedAcks(store('{oops'), 'w1')).toEqual({});
		expect(readMovedAcks(store('[1,2]'), 'w1')).toEqual({});
		expect(readMovedAcks(store(JSON.stringify({ p1: 'x', p2: 3 })), 'w1')).toEqual({ p2: 3 });
		expect(readMovedAcks({ getItem: () => { throw new Error('denied'); } }, 'w1')).toEqual({});
	});
});
