import { nextChange } from './deadline';

/**
 * The server's time for a deadline's countdown, as a rune: `now` moves only when what the countdown shows changes
 * (once a minute, every second in the last ten minutes, once more at the deadline), so nothing redraws in between.
 * `read` gives the deadline (epoch ms or null) and the server's clock offset. Create it while a component
 * initialises (it sets up an effect).
 */
export class DeadlineClock {
	#now = $state(Date.now());

	constructor(read: () => { deadline: number | null; offset: number }) {
		$effect(() => {
			const { deadline, offset } = read();
			let t: ReturnType<typeof setTimeout> | undefined;
			const step = () => {
				this.#now = Date.now() + offset;
				const wait = deadline === null ? null : nextChange(deadline, this.#now);
				// A little late rather than early, so the tick lands after the change; at most a minute, in case the
				// device slept.
				if (wait !== null) t = setTimeout(step, Math.min(wait + 15, 60_000));
			};
			step();
			return () => clearTimeout(t);
		});
	}

	/** The server's time as of the last change. */
	get now(): number {
		return this.#now;
	}
}
