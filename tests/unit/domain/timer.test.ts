import { describe, expect, it } from 'vitest';
import {
	TIMER_DONE_SHOW_MS,
	TIMER_MAX_MS,
	extendTimer,
	idleTimer,
	pauseTimer,
	resumeTimer,
	startTimer,
	timerAfterPhaseChange,
	timerDisplay,
	timerRemaining
} from '$lib/domain/timer';

const T0 = 1_700_000_000_000;
const MIN = 60_000;

describe('timer', () => {
	it('is idle with nothing left at first', () => {
		expect(idleTimer).toEqual({ status: 'idle' });
		expect(timerRemaining(idleTimer, T0)).toBe(0);
	});

	it('starts a countdown that runs down with the clock', () => {
		const t = startTimer(T0, 5 * MIN);
		expect(t).toEqual({ status: 'running', endsAt: T0 + 5 * MIN, durationMs: 5 * MIN });
		expect(timerRemaining(t, T0)).toBe(5 * MIN);
		expect(timerRemaining(t, T0 + MIN)).toBe(4 * MIN);
	});

	it('never reports negative time once it has run out', () => {
		const t = startTimer(T0, MIN);
		expect(timerRemaining(t, T0 + MIN)).toBe(0);
		expect(timerRemaining(t, T0 + 10 * MIN)).toBe(0);
	});

	it('clamps the duration to [0, 4 h] and rounds to whole milliseconds', () => {
		expect(startTimer(T0, -5)).toEqual({ status: 'running', endsAt: T0, durationMs: 0 });
		expect(startTimer(T0, 10 * TIMER_MAX_MS)).toEqual({ status: 'running', endsAt: T0 + TIMER_MAX_MS, durationMs: TIMER_MAX_MS });
		expect(startTimer(T0, 1000.6)).toEqual({ status: 'running', endsAt: T0 + 1001, durationMs: 1001 });
	});

	it('pauses with the time that was left and stops counting', () => {
		const p = pauseTimer(startTimer(T0, 5 * MIN), T0 + 2 * MIN);
		expect(p).toEqual({ status: 'paused', remainingMs: 3 * MIN, durationMs: 5 * MIN });
		expect(timerRemaining(p, T0 + 60 * MIN)).toBe(3 * MIN);
	});

	it('resumes from where it was paused', () => {
		const p = pauseTimer(startTimer(T0, 5 * MIN), T0 + 2 * MIN);
		const r = resumeTimer(p, T0 + 30 * MIN);
		expect(r).toEqual({ status: 'running', endsAt: T0 + 33 * MIN, durationMs: 5 * MIN });
		expect(timerRemaining(r, T0 + 31 * MIN)).toBe(2 * MIN);
	});

	it('ignores pause when not running and resume when not paused', () => {
		const running = startTimer(T0, MIN);
		expect(pauseTimer(idleTimer, T0)).toBe(idleTimer);
		expect(resumeTimer(running, T0)).toBe(running);
		expect(resumeTimer(idleTimer, T0)).toBe(idleTimer);
		const paused = pauseTimer(running, T0);
		expect(pauseTimer(paused, T0 + 5)).toBe(paused);
	});

	it('extends a running countdown by adding to the time left', () => {
		const t = extendTimer(startTimer(T0, 5 * MIN), T0 + 4 * MIN, 2 * MIN);
		expect(timerRemaining(t, T0 + 4 * MIN)).toBe(3 * MIN);
		expect(t).toMatchObject({ status: 'running', durationMs: 7 * MIN });
	});

	it('extends a paused countdown and keeps it paused', () => {
		const p = pauseTimer(startTimer(T0, 5 * MIN), T0 + MIN);
		expect(extendTimer(p, T0 + 10 * MIN, MIN)).toEqual({ status: 'paused', remainingMs: 5 * MIN, durationMs: 6 * MIN });
	});

	it('restarts an idle or finished countdown with the extension', () => {
		expect(extendTimer(idleTimer, T0, 2 * MIN)).toEqual(startTimer(T0, 2 * MIN));
		const done = startTimer(T0, MIN);
		expect(extendTimer(done, T0 + 5 * MIN, 2 * MIN)).toEqual(startTimer(T0 + 5 * MIN, 2 * MIN));
	});

	it('never extends beyond the maximum nor below zero', () => {
		const t = extendTimer(startTimer(T0, TIMER_MAX_MS), T0, MIN);
		expect(timerRemaining(t, T0)).toBe(TIMER_MAX_MS);
		const shortened = extendTimer(startTimer(T0, MIN), T0, -5 * MIN);
		expect(timerRemaining(shortened, T0)).toBe(0);
		const paused = extendTimer(pauseTimer(startTimer(T0, MIN), T0), T0, -5 * MIN);
		expect(timerRemaining(paused, T0)).toBe(0);
	});

	it("shows the countdown, then \"time's up\" for a minute after the end, then nothing", () => {
		const t = startTimer(T0, MIN);
		expect(timerDisplay(idleTimer, T0)).toBe('hidden');
		expect(timerDisplay(t, T0 + MIN - 1)).toBe('counting');
		expect(timerDisplay(t, T0 + MIN)).toBe('done');
		expect(timerDisplay(t, T0 + MIN + TIMER_DONE_SHOW_MS - 1)).toBe('done');
		expect(timerDisplay(t, T0 + MIN + TIMER_DONE_SHOW_MS)).toBe('hidden');
		expect(timerDisplay(t, T0 + 60 * MIN)).toBe('hidden');
		// A paused countdown stays on screen however long the pause.
		expect(timerDisplay(pauseTimer(t, T0 + 1000), T0 + 60 * MIN)).toBe('counting');
	});

	it('is reset by a phase change once it has run out, and kept while it still runs or is paused', () => {
		const t = startTimer(T0, MIN);
		expect(timerAfterPhaseChange(t, T0 + MIN)).toEqual(idleTimer);
		expect(timerAfterPhaseChange(t, T0 + MIN - 1)).toBe(t);
		const paused = pauseTimer(t, T0 + 1000);
		expect(timerAfterPhaseChange(paused, T0 + 60 * MIN)).toBe(paused);
		expect(timerAfterPhaseChange(idleTimer, T0)).toBe(idleTimer);
	});
});
