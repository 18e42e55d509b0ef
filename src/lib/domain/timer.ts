/** A countdown kept by the server; clients only render it. Times are epoch milliseconds from the server clock. */
export type TimerState =
	| { status: 'idle' }
	| { status: 'running'; endsAt: number; durationMs: number }
	| { status: 'paused'; remainingMs: number; durationMs: number };

export const TIMER_MAX_MS = 4 * 60 * 60 * 1000;

export const idleTimer: TimerState = { status: 'idle' };

/** Milliseconds left at `now` (never negative). */
export function timerRemaining(t: TimerState, now: number): number {
	if (t.status === 'running') return Math.max(0, t.endsAt - now);
	if (t.status === 'paused') return t.remainingMs;
	return 0;
}

/** Starts (or restarts) a countdown of `ms`. */
export function startTimer(now: number, ms: number): TimerState {
	const d = clamp(ms);
	return { status: 'running', endsAt: now + d, durationMs: d };
}

/** Freezes a running countdown; anything else is unchanged. */
export function pauseTimer(t: TimerState, now: number): TimerState {
	if (t.status !== 'running') return t;
	return { status: 'paused', remainingMs: timerRemaining(t, now), durationMs: t.durationMs };
}

/** Continues a paused countdown. */
export function resumeTimer(t: TimerState, now: number): TimerState {
	if (t.status !== 'paused') return t;
	return { status: 'running', endsAt: now + t.remainingMs, durationMs: t.durationMs };
}

/** Adds `ms` to the time left; an idle or finished timer starts with `ms`. */
export function extendTimer(t: TimerState, now: number, ms: number): TimerState {
	if (t.status === 'paused') {
		const remainingMs = clamp(t.remainingMs + ms);
		return { status: 'paused', remainingMs, durationMs: clamp(t.durationMs + ms) };
	}
	if (t.status === 'running' && t.endsAt > now) {
		const left = clamp(t.endsAt - now + ms);
		return { status: 'running', endsAt: now + left, durationMs: clamp(t.durationMs + ms) };
	}
	return startTimer(now, ms);
}

/** How long "time's up" stays on screen after a countdown ends, before every screen drops it. */
export const TIMER_DONE_SHOW_MS = 60_000;

/** What screens show for a timer at `now`: nothing, the time left, or "time's up" (only for a while after the end). */
export type TimerDisplay = 'hidden' | 'counting' | 'done';

/** The display rule: a countdown that ended more than TIMER_DONE_SHOW_MS ago is hidden, like an idle one. */
export function timerDisplay(t: TimerState, now: number): TimerDisplay {
	if (t.status === 'idle') return 'hidden';
	if (t.status === 'paused' || t.endsAt > now) return 'counting';
	return now - t.endsAt < TIMER_DONE_SHOW_MS ? 'done' : 'hidden';
}

/** A timer as a phase change leaves it: one that has run out is reset to idle; a running or paused one goes on. */
export function timerAfterPhaseChange(t: TimerState, now: number): TimerState {
	return t.status === 'running' && t.endsAt <= now ? idleTimer : t;
}

function clamp(ms: number): number {
	return Math.min(TIMER_MAX_MS, Math.max(0, Math.round(ms)));
}
