/**
 * A log-bucketed latency histogram in the spirit of HdrHistogram: values are kept in microseconds with a relative
 * error below 1/64 (about 1.6 %), histograms from several processes merge by adding buckets.
 */
export class Histogram {
	private buckets = new Map<number, number>();
	count = 0;
	min = Infinity;
	max = 0;
	sum = 0;

	/** Records one value in milliseconds (negative values count as 0). */
	record(ms: number) {
		const v = ms > 0 ? ms : 0;
		const i = bucketOf(Math.round(v * 1000));
		this.buckets.set(i, (this.buckets.get(i) ?? 0) + 1);
		this.count++;
		this.sum += v;
		if (v < this.min) this.min = v;
		if (v > this.max) this.max = v;
	}

	/** Adds another histogram (or its serialised form) into this one. */
	merge(o: Histogram | HistogramData) {
		const data = o instanceof Histogram ? o.toJSON() : o;
		if (!data.count) return this;
		for (const [i, n] of data.buckets) this.buckets.set(i, (this.buckets.get(i) ?? 0) + n);
		this.count += data.count;
		this.sum += data.sum;
		this.min = Math.min(this.min, data.min);
		this.max = Math.max(this.max, data.max);
		return this;
	}

	/** The value at percentile p (0..100), in milliseconds; the exact maximum for p = 100. */
	percentile(p: number): number {
		if (!this.count) return NaN;
		if (p >= 100) return this.max;
		const rank = Math.max(1, Math.ceil((p / 100) * this.count));
		let seen = 0;
		for (const i of [...this.buckets.keys()].sort((a, b) => a - b)) {
			seen += this.buckets.get(i)!;
			if (seen >= rank) return Math.min(this.max, Math.max(this.min, bucketMid(i) / 1000));
		}
		return this.max;
	}

	/** p50, p90, p99, p99.9 and max, rounded to 0.1 ms. */
	summary(): LatencySummary {
		const r = (n: number) => (Number.isFinite(n) ? Math.round(n * 10) / 10 : null);
		return {
			count: this.count,
			p50: r(this.percentile(50)),
			p90: r(this.percentile(90)),
			p95: r(this.percentile(95)),
			p99: r(this.percentile(99)),
			p999: r(this.percentile(99.9)),
			max: r(this.count ? this.max : NaN)
		};
	}

	toJSON(): HistogramData {
		return { count: this.count, min: this.count ? this.min : 0, max: this.max, sum: this.sum, buckets: [...this.buckets] };
	}

	static from(data: HistogramData): Histogram {
		return new Histogram().merge(data);
	}
}

export interface HistogramData {
	count: number;
	min: number;
	max: number;
	sum: number;
	buckets: [number, number][];
}

export interface LatencySummary {
	count: number;
	p50: number | null;
	p90: number | null;
	p95: number | null;
	p99: number | null;
	p999: number | null;
	max: number | null;
}

const SUB = 64;

function bucketOf(us: number): number {
	if (us < 2 * SUB) return us;
	const e = Math.floor(Math.log2(us)) - 6;
	return 2 * SUB + (e - 1) * SUB + (Math.floor(us / 2 ** e) - SUB);
}

function bucketMid(i: number): number {
	if (i < 2 * SUB) return i;
	const e = Math.floor((i - 2 * SUB) / SUB) + 1;
	const m = ((i - 2 * SUB) % SUB) + SUB;
	return (m + 0.5) * 2 ** e;
}
