import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { audienceWinners, ceremonySteps, revealOrder } from '../../src/lib/features/hackathon/components/facilitator/ceremony';
import { fromLocalInput, timeLeft, toLocalInput } from '../../src/lib/features/hackathon/components/facilitator/time';
import type { RankedTeam } from '../../src/lib/features/hackathon/ranking';

const ranked = (teamId: string, place: number): RankedTeam => ({ teamId, place, normalised: 0, raw: 3, jurors: 1, perCriterion: {} });

describe('the ceremony as the control room tells it', () => {
	const results = [ranked('a', 1), ranked('b', 2), ranked('c', 2), ranked('d', 4)];

	it('reveals the jury places from the last upward, shared places together', () => {
		expect(revealOrder(results)).toEqual([
			{ place: 4, teamIds: ['d'] },
			{ place: 2, teamIds: ['b', 'c'] },
			{ place: 1, teamIds: ['a'] }
		]);
	});

	it('names every team with the most votes for the audience award, and none when nobody voted', () => {
		expect(audienceWinners({ a: 2, b: 5, c: 5, $voters: 12 }, ['a', 'b', 'c'])).toEqual({ teamIds: ['b', 'c'], votes: 5 });
		expect(audienceWinners({ $voters: 0 }, ['a', 'b'])).toEqual({ teamIds: [], votes: 0 });
	});

	it('shows the title card first, then each place, then the audience award, then nothing more', () => {
		const audience = { teamIds: ['b'], votes: 5 };
		expect(ceremonySteps(null, results, audience)).toEqual({ now: null, next: { kind: 'title' } });
		const c = (step: number, revealed: { place: number; teamIds: string[]; score: number }[] = [], aud: typeof audience | null = null) => ({ step, steps: 4, revealed, audience: aud });
		expect(ceremonySteps(c(0), results, audience)).toEqual({ now: { kind: 'title' }, next: { kind: 'place', place: 4, teamIds: ['d'] } });
		const r1 = [{ place: 4, teamIds: ['d'], score: -1 }];
		expect(ceremonySteps(c(1, r1), results, audience)).toEqual({ now: { kind: 'place', place: 4, teamIds: ['d'] }, next: { kind: 'place', place: 2, teamIds: ['b', 'c'] } });
		const r3 = [...r1, { place: 2, teamIds: ['b', 'c'], score: 0 }, { place: 1, teamIds: ['a'], score: 1 }];
		expect(ceremonySteps(c(3, r3), results, audience).next).toEqual({ kind: 'audience', teamIds: ['b'], votes: 5 });
		expect(ceremonySteps(c(4, r3, audience), results, audience)).toEqual({ now: { kind: 'audience', teamIds: ['b'], votes: 5 }, next: null });
	});
});

describe('deadline times', () => {
	it('reads back the wall time it writes into a datetime-local input (the same instant, but for a repeated hour in autumn)', () => {
		fc.assert(
			fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
				const minute = Math.floor(ms / 60_000) * 60_000;
				const read = fromLocalInput(toLocalInput(minute));
				expect(read).not.toBeNull();
				expect(toLocalInput(read!)).toBe(toLocalInput(minute));
				expect(Math.abs(read! - minute)).toBeLessThanOrEqual(3600_000);
			})
		);
	});

	it('refuses what is not a date and time', () => {
		for (const bad of ['', 'tomorrow', '2026-05-09', '2026-05-09 14:30', '2026-5-9T14:30']) expect(fromLocalInput(bad)).toBeNull();
	});

	it('says hours and minutes, then minutes, then minutes and seconds in the last ten minutes, then null', () => {
		expect(timeLeft(2 * 3600_000 + 5 * 60_000)).toBe('2 h 05 min');
		expect(timeLeft(14 * 60_000)).toBe('14 min');
		expect(timeLeft(9 * 60_000 + 41_000)).toBe('9:41');
		expect(timeLeft(0)).toBeNull();
		expect(timeLeft(-5)).toBeNull();
	});
});
