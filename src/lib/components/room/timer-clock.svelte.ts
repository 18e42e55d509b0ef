import { timerDisplay, type TimerState } from '$lib/domain/timer';

/**
 * This device's clock for a countdown, as runes: `now` ticks every `everyMs` while the countdown runs, and until its
 * "time's up" has been shown long enough to go; then it stops until the timer changes. Create it while a component
 * initialises (it sets up an effect).
 */
export class TimerClock {
	now = $state(Date.now());

	constructor(read: () => { timer: TimerState; offset: number }, everyMs: number) {
		$effect(() => {
			const { timer, offset } = read();
			this.now = Date.now();
			if (timer.status !== 'running' || timerDisplay(timer, Date.now() + offset) === 'hidden') return;
			const id = setInterval(() => {
				this.now = Date.now();
				// Once "time's up" has faded there is nothing left to redraw.
				if (timerDisplay(timer, this.now + offset) === 'hidden') clearInterval(id);
			}, everyMs);
			return () => clearInterval(id);
		});
	}
}
