import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deadlineLeft, nextChange, SECONDS_FROM_MS } from '$lib/features/hackathon/components/deadline';

const D = Date.UTC(2026, 10, 30, 16, 0, 0);
const MIN = 60_000;

describe('deadlineLeft', () => {
	it('shows hours and whole minutes, as a clock does, until the last ten minutes', () => {
		expect(deadlineLeft(D, D - (2 * 60 + 14) * MIN)).toEqual({ kind: 'minutes', hours: 2, minutes: 14 });
		expect(deadlineLeft(D, D - (2 * 60 + 14) * MIN - 59_999)).toEqual({ kind: 'minutes', hours: 2, minutes: 14 });
		expect(deadlineLeft(D, D - (2 * 60 + 14) * MIN + 1)).toEqual({ kind: 'minutes', hours: 2, minutes: 13 });
		expect(deadlineLeft(D, D - 60 * MIN)).toEqual({ kind: 'minutes', hours: 1, minutes: 0 });
		expect(deadlineLeft(D, D - 10 * MIN - 1)).toEqual({ kind: 'minutes', hours: 0, minutes: 10 });
	});

	it('shows minutes and seconds in the last ten minutes, then closes at the deadline', () => {
		expect(deadlineLeft(D, D - 10 * MIN)).toEqual({ kind: 'seconds', minutes: 10, seconds: 0 });
		expect(deadlineLeft(D, D - 9 * MIN - 5_500)).toEqual({ kind: 'seconds', minutes: 9, seconds: 6 });
		expect(deadlineLeft(D, D - 1)).toEqual({ kind: 'seconds', minutes: 0, seconds: 1 });
		expect(deadlineLeft(D, D)).toEqual({ kind: 'closed' });
		expect(deadlineLeft(D, D + 5 * MIN)).toEqual({ kind: 'closed' });
	});
});

describe('nextChange', () => {
	it('is null once closed', () => {
		expect(nextChange(D, D)).toBeNull();
		expect(nextChange(D, D + 1)).toBeNull();
	});

	it('waits a minute at most before the last ten minutes and a second at most within them', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 48 * 60 * MIN }), (left) => {
				const now = D - left;
				const wait = nextChange(D, now)!;
				expect(wait).toBeGreaterThan(0);
				expect(wait).toBeLessThanOrEqual(left > SECONDS_FROM_MS ? MIN : 1000);
			})
		);
	});

	it('lands exactly where the display changes, and nothing changes before', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 48 * 60 * MIN }), (left) => {
				const now = D - left;
				const wait = nextChange(D, now)!;
				expect(deadlineLeft(D, now + wait - 1)).toEqual(deadlineLeft(D, now));
				expect(deadlineLeft(D, now + wait)).not.toEqual(deadlineLeft(D, now));
			})
		);
	});
});
