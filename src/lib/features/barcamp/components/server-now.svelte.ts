/**
 * The server's time as this device knows it, as a rune, for which slot runs now: this device's clock, moved every
 * 15 s, plus the server's offset. Create it while a component initialises (it sets up an effect).
 */
export class ServerNow {
	#clock = $state(Date.now());
	readonly #offset: () => number;

	constructor(offset: () => number) {
		this.#offset = offset;
		$effect(() => {
			const t = setInterval(() => (this.#clock = Date.now()), 15_000);
			return () => clearInterval(t);
		});
	}

	get now(): number {
		return this.#clock + this.#offset();
	}
}
