import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	byInterest,
	hostNames,
	localDate,
	localInstant,
	localTime,
	moveOptions,
	openQueue,
	pitchNeighbour,
	placementsByCell,
	problemsBySession,
	queueMoveIndex,
	slotInstants,
	spansDays
} from '$lib/features/barcamp/grid-model';
import type { PlacementView, ProposalView, RoomView, SlotView } from '$lib/features/barcamp/views';
import type { Problem } from '$lib/features/barcamp/planner';

const proposal = (id: string, position: number, extra: Partial<ProposalView> = {}): ProposalView => ({
	id,
	activityId: 'c',
	title: id.toUpperCase(),
	description: '',
	format: 'talk',
	needs: [],
	proposer: 'Lea',
	cohosts: [],
	position,
	createdAt: position,
	status: 'open',
	...extra
});

describe('local dates and times typed into the slot form', () => {
	it('turns a date and a time into the instant on this device, and back', () => {
		const ms = localInstant('2025-05-10', '10:30')!;
		expect(localDate(ms)).toBe('2025-05-10');
		expect(localTime(ms)).toBe('10:30');
		expect(new Date(ms).getHours()).toBe(10);
	});

	it('round-trips every minute of every day (outside clock changes)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (y, mo, d, h, mi) => {
				const two = (n: number) => String(n).padStart(2, '0');
				const date = `${y}-${two(mo)}-${two(d)}`;
				const time = `${two(h)}:${two(mi)}`;
				const ms = localInstant(date, time)!;
				expect(ms).not.toBeNull();
				// A time skipped by a daylight-saving change moves on by the gap; everything else comes back as typed.
				if (new Date(ms).getHours() === h) {
					expect(localDate(ms)).toBe(date);
					expect(localTime(ms)).toBe(time);
				}
			})
		);
	});

	it('refuses what is not a date or a time', () => {
		for (const [d, t] of [
			['', '10:00'],
			['2025-05-10', ''],
			['2025-02-31', '10:00'],
			['2025-13-01', '10:00'],
			['2025-05-10', '24:00'],
			['2025-05-10', '10:60'],
			['10.05.2025', '10:00'],
			['2025-05-10', '10h']
		])
			expect(localInstant(d, t), `${d} ${t}`).toBeNull();
	});

	it('makes a slot end after its start, taking an earlier end as the next day', () => {
		const s = slotInstants('2025-05-10', '10:00', '10:45')!;
		expect(s.end - s.start).toBe(45 * 60_000);
		const late = slotInstants('2025-05-10', '23:00', '00:30')!;
		expect(localDate(late.end)).toBe('2025-05-11');
		expect(late.end).toBeGreaterThan(late.start);
		expect(slotInstants('2025-05-10', '', '10:00')).toBeNull();
	});

	it('knows when slots span several days', () => {
		const a = localInstant('2025-05-10', '10:00')!;
		const b = localInstant('2025-05-10', '16:00')!;
		const c = localInstant('2025-05-11', '10:00')!;
		expect(spansDays([{ start: a }, { start: b }])).toBe(false);
		expect(spansDays([{ start: a }, { start: c }])).toBe(true);
	});
});

describe('the pitch order', () => {
	it('walks the open queue in order: the first press starts at the first, no step past either end', () => {
		const q = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
		expect(pitchNeighbour(q, null, 1)).toBe('a');
		expect(pitchNeighbour(q, 'a', 1)).toBe('b');
		expect(pitchNeighbour(q, 'c', 1)).toBeNull();
		expect(pitchNeighbour(q, 'b', -1)).toBe('a');
		expect(pitchNeighbour(q, 'a', -1)).toBeNull();
		// The one on the projector left the queue (rejected, merged): start again at the first.
		expect(pitchNeighbour(q, 'gone', 1)).toBe('a');
		expect(pitchNeighbour([], null, 1)).toBeNull();
	});

	it('next then previous comes back to where it was', () => {
		fc.assert(
			fc.property(fc.integer({ min: 2, max: 30 }), fc.nat(), (n, k) => {
				const q = Array.from({ length: n }, (_, i) => ({ id: `p${i}` }));
				const at = q[k % (n - 1)].id;
				expect(pitchNeighbour(q, pitchNeighbour(q, at, 1), -1)).toBe(at);
			})
		);
	});

	it('moves a proposal past its open neighbour, counting the set-aside ones as the server does', () => {
		const statuses = ['open', 'open', 'rejected', 'withdrawn', 'merged'] as const;
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...statuses), { minLength: 2, maxLength: 12 }), fc.nat(), fc.constantFrom(1 as const, -1 as const), (kinds, pick, dir) => {
				const all = kinds.map((status, i) => proposal(`p${i}`, i + 1, { status }));
				const open = openQueue(all).map((p) => p.id);
				if (open.length === 0) return;
				const id = open[pick % open.length];
				const to = queueMoveIndex(all, id, dir);
				const i = open.indexOf(id);
				if (i + dir < 0 || i + dir >= open.length) {
					expect(to).toBeNull();
					return;
				}
				// The server: take it out of the whole list, insert it at toIndex.
				const rest = all.filter((p) => p.id !== id);
				rest.splice(Math.min(to!, rest.length), 0, all.find((p) => p.id === id)!);
				const after = rest.filter((p) => p.status === 'open').map((p) => p.id);
				const expected = [...open];
				[expected[i], expected[i + dir]] = [expected[i + dir], expected[i]];
				expect(after).toEqual(expected);
			})
		);
	});

	it('keeps open proposals only, by position', () => {
		const list = [proposal('b', 2), proposal('x', 1, { status: 'rejected' }), proposal('a', 1), proposal('w', 0, { status: 'withdrawn' })];
		expect(openQueue(list).map((p) => p.id)).toEqual(['a', 'b']);
	});

	it('ranks by interest, ties in queue order', () => {
		const list = [proposal('a', 0), proposal('b', 1), proposal('c', 2)];
		expect(byInterest(list, { a: 1, b: 3, c: 1, $voters: 4 }).map((r) => [r.proposal.id, r.count])).toEqual([
			['b', 3],
			['a', 1],
			['c', 1]
		]);
	});
});

describe('hosts by name', () => {
	it('names the proposer first, then the co-hosts in order', () => {
		const names = hostNames({ hostIds: ['p1', 'p2', 'p3'], proposerName: 'Lea', proposer: null, cohosts: ['Ben', 'Ada'] });
		expect([...names]).toEqual([
			['p1', 'Lea'],
			['p2', 'Ben'],
			['p3', 'Ada']
		]);
	});

	it('names the co-hosts alone of a proposal a facilitator wrote', () => {
		expect([...hostNames({ hostIds: ['p2'], proposerName: 'Anna (facilitator)', proposer: null, cohosts: ['Ben'] })]).toEqual([['p2', 'Ben']]);
	});

	it('names nobody when ids and names do not line up', () => {
		expect(hostNames({ hostIds: ['p1', 'p2', 'p3'], proposerName: 'Lea', proposer: 'Lea', cohosts: ['Ben'] }).size).toBe(0);
	});
});

describe('the grid', () => {
	const rooms: RoomView[] = [
		{ id: 'r1', name: 'A', capacity: 10, features: [] },
		{ id: 'r2', name: 'B', capacity: 20, features: ['projector'] }
	];
	const slots: SlotView[] = [
		{ id: 's1', start: 1, end: 2, kind: 'sessions', label: '' },
		{ id: 'lunch', start: 2, end: 3, kind: 'break', label: 'Lunch' },
		{ id: 's2', start: 3, end: 4, kind: 'sessions', label: '' }
	];
	const at = (proposalId: string, roomId: string, slotId: string): PlacementView => ({ proposalId, activityId: 'c', roomId, slotId });

	it('offers every session cell but its own, saying who would be swapped', () => {
		const byCell = placementsByCell([at('a', 'r1', 's1'), at('b', 'r2', 's1'), at('old', 'gone', 's1')], rooms, slots);
		expect(byCell.size).toBe(2);
		const options = moveOptions('a', rooms, slots, byCell);
		expect(options).toEqual([
			{ roomId: 'r2', slotId: 's1', occupant: 'b' },
			{ roomId: 'r1', slotId: 's2', occupant: null },
			{ roomId: 'r2', slotId: 's2', occupant: null }
		]);
		// An unplaced session may go to any session cell; breaks are never offered.
		expect(moveOptions('z', rooms, slots, byCell)).toHaveLength(4);
		expect(moveOptions('z', rooms, slots, byCell).some((o) => o.slotId === 'lunch')).toBe(false);
	});

	it('shows a clash on both sessions and a room problem on its own', () => {
		const clash: Problem = { kind: 'host_clash', session: 'a', other: 'b', host: 'p1', slot: 's1' };
		const small: Problem = { kind: 'over_capacity', session: 'b', room: 'r1', interest: 12, capacity: 10 };
		const map = problemsBySession([clash, small]);
		expect(map.get('a')).toEqual([clash]);
		expect(map.get('b')).toEqual([clash, small]);
	});
});
