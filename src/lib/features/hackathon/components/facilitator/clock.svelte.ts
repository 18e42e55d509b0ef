/**
 * The server's time as this device knows it, as a rune: this device's clock, moved every `every` ms, plus the
 * server's offset (`room.serverOffset`). Create it while a component initialises (it sets up an effect).
 */
export class ServerClock {
	#clock = $state(Date.now());
	readonly #offset: () => number;

	constructor(offset: () => number, every = 1000) {
		this.#offset = offset;
		$effect(() => {
			const t = setInterval(() => (this.#clock = Date.now()), every);
			return () => clearInterval(t);
		});
	}

	get now(): number {
		return this.#clock + this.#offset();
	}
}
