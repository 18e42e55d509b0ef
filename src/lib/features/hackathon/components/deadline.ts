/** Ten minutes: before that a countdown shows whole minutes, within it minutes and seconds. */
export const SECONDS_FROM_MS = 10 * 60_000;

/**
 * What a deadline's countdown shows at `now` (server time): `closed` once it has passed; whole minutes (as a clock
 * shows them: 2:14:30 left is "2 h 14 min") split into hours and minutes while more than ten minutes are left, so the
 * figure changes once a minute; minutes and seconds, rounded up, in the last ten minutes (never "0 s" while open).
 */
export type DeadlineLeft =
	| { kind: 'closed' }
	| { kind: 'minutes'; hours: number; minutes: number }
	| { kind: 'seconds'; minutes: number; seconds: number };

export function deadlineLeft(deadline: number, now: number): DeadlineLeft {
	const left = deadline - now;
	if (left <= 0) return { kind: 'closed' };
	if (left > SECONDS_FROM_MS) {
		const total = Math.floor(left / 60_000);
		return { kind: 'minutes', hours: Math.floor(total / 60), minutes: total % 60 };
	}
	const total = Math.ceil(left / 1000);
	return { kind: 'seconds', minutes: Math.floor(total / 60), seconds: total % 60 };
}

/**
 * Milliseconds from `now` until what `deadlineLeft` shows next changes (null once closed): the next whole minute
 * before the last ten minutes, the next second within them.
 */
export function nextChange(deadline: number, now: number): number | null {
	const left = deadline - now;
	if (left <= 0) return null;
	if (left > SECONDS_FROM_MS) {
		const step = left - Math.floor(left / 60_000) * 60_000 + 1;
		// The last whole minute before the seconds start ends at ten minutes exactly.
		return Math.min(step, left - SECONDS_FROM_MS);
	}
	return left - (Math.ceil(left / 1000) - 1) * 1000;
}
