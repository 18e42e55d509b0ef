/**
 * mulberry32: a small, fast, seeded PRNG, the same on every JavaScript engine. The planner's search, the bench's
 * generated camps and scenarios, and the fuzz, chaos and property tests draw from it, so a seed replays a run.
 */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
