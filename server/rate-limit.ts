/**
 * Token buckets keyed by a string (an IP, a code, a connection). In memory: one process owns its limits, and the
 * map is swept so that a flood of distinct keys cannot grow it without bound.
 */
export class RateLimiter {
	private buckets = new Map<string, { tokens: number; at: number }>();

	constructor(
		private capacity: number,
		private refillPerSecond: number,
		private maxKeys = 50_000
	) {}

	/** Takes `cost` tokens for `key`; false means "slow down". */
	take(key: string, now = Date.now(), cost = 1): boolean {
		let b = this.buckets.get(key);
		if (!b) {
			if (this.buckets.size >= this.maxKeys) this.sweep(now);
			b = { tokens: this.capacity, at: now };
			this.buckets.set(key, b);
		}
		b.tokens = Math.min(this.capacity, b.tokens + ((now - b.at) / 1000) * this.refillPerSecond);
		b.at = now;
		if (b.tokens < cost) return false;
		b.tokens -= cost;
		return true;
	}

	/** Whether `key` could take a token now, without taking it. */
	peek(key: string, now = Date.now()): boolean {
		const b = this.buckets.get(key);
		if (!b) return true;
		return Math.min(this.capacity, b.tokens + ((now - b.at) / 1000) * this.refillPerSecond) >= 1;
	}

	private sweep(now: number) {
		for (const [k, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * this.refillPerSecond >= this.capacity) this.buckets.delete(k);
		if (this.buckets.size >= this.maxKeys) this.buckets.clear();
	}
}
