// What every projector view shares to size its type: levels (font size in vh with a line clamp), the search for the
// largest level that fits, and a measurer that runs again when the stage changes. Sizes are in vh, so a 720p and a
// 4K beamer show the same picture: a beamer image is about as tall as it is read, and readable letter height goes
// with the viewing distance. From the back of a room (10 m) on a 1080p image, text below about 32 px is hard to
// read, so 3.1vh (33.5 px at 1080p) is the floor for the main text of a view (READABLE_VH).

/** The smallest type (vh) a view's main text may take: readable from 10 m on a 1080p image. */
export const READABLE_VH = 3.1;

/** A type size (font size in vh) with a line clamp (a view decides whether it clamps; board cards always show whole). */
export interface Level {
	vh: number;
	lines: number;
}

/** Sets a level as the `--fs` and `--lines` custom properties of a node. */
export function applyLevel(node: HTMLElement, level: Level) {
	node.style.setProperty('--fs', `${level.vh}vh`);
	node.style.setProperty('--lines', String(level.lines));
}

/**
 * The index of the largest level for which `fits()` holds after `apply(i)` (levels ordered large to small, and
 * fitting only gets easier as they shrink), by binary search; the smallest level and fits false when none fits.
 * Leaves the chosen level applied.
 */
export function largestFitting(count: number, apply: (i: number) => void, fits: () => boolean): { index: number; fits: boolean } {
	let lo = 0;
	let hi = count - 1;
	apply(hi);
	if (!fits()) return { index: hi, fits: false };
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		apply(mid);
		if (fits()) hi = mid;
		else lo = mid + 1;
	}
	apply(lo);
	return { index: lo, fits: true };
}

/** Measuring a full view costs a few layouts; a burst of changes is measured at most this often. */
export const MEASURE_GAP_MS = 300;

/**
 * Runs `measure` in an animation frame whenever `schedule` is called, the node's parent resizes, or web fonts
 * finish loading; at most once per MEASURE_GAP_MS, the last call always honoured. Returns `schedule` and `stop`.
 */
export function measurer(node: HTMLElement, measure: () => void): { schedule: () => void; stop: () => void } {
	let frame = 0;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let last = -Infinity;
	let stopped = false;
	const run = () => {
		frame = 0;
		last = performance.now();
		if (node.isConnected) measure();
	};
	const schedule = () => {
		if (stopped || frame || timer !== undefined) return;
		const wait = last + MEASURE_GAP_MS - performance.now();
		if (wait <= 0) frame = requestAnimationFrame(run);
		else
			timer = setTimeout(() => {
				timer = undefined;
				frame = requestAnimationFrame(run);
			}, wait);
	};
	const ro = new ResizeObserver(schedule);
	ro.observe(node.parentElement ?? node);
	void document.fonts?.ready.then(schedule);
	return {
		schedule,
		stop() {
			stopped = true;
			ro.disconnect();
			cancelAnimationFrame(frame);
			clearTimeout(timer);
		}
	};
}

/**
 * A projector view's fitting as an attachment: `attach` measures the node with `measure` through a `measurer` while
 * it is on the page, and `again()` asks for one more measurement (after the text on screen changed).
 */
export function fitter(measure: (node: HTMLElement) => void): { attach: (node: HTMLElement) => () => void; again: () => void } {
	let schedule: (() => void) | null = null;
	return {
		attach(node) {
			const mz = measurer(node, () => measure(node));
			schedule = mz.schedule;
			return () => {
				schedule = null;
				mz.stop();
			};
		},
		again: () => schedule?.()
	};
}
