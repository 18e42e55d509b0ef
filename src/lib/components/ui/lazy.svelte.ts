/**
 * A component (or any module export) fetched on demand: `value` is null until `load()` has brought it, a failed fetch
 * is retried with a growing pause (up to 10 s), and `stop()` ends the retries (call it when the page goes).
 */
export class Lazy<T> {
	value = $state.raw<T | null>(null);
	#started = false;
	#stopped = false;
	#retry: ReturnType<typeof setTimeout> | undefined;

	constructor(private readonly importer: () => Promise<T>) {}

	/** Starts fetching (once; later calls do nothing). */
	load() {
		if (this.#started || this.#stopped) return;
		this.#started = true;
		const attempt = (n: number) => {
			this.importer().then(
				(v) => {
					if (!this.#stopped) this.value = v;
				},
				() => {
					if (!this.#stopped) this.#retry = setTimeout(() => attempt(n + 1), Math.min(10_000, 500 * 2 ** n));
				}
			);
		};
		attempt(0);
	}

	stop() {
		this.#stopped = true;
		clearTimeout(this.#retry);
	}
}
