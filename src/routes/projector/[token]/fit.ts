/** Font sizes (at 1920x1080) and line clamps, from roomy to dense; the first that fits wins. */
const LEVELS: [number, number][] = [
	[48, 6],
	[44, 6],
	[40, 5],
	[36, 5],
	[32, 5],
	[29, 4],
	[26, 4],
	[24, 4],
	[22, 3],
	[20, 3],
	[18, 3],
	[17, 2],
	[16, 2]
];
/** Below this (in CSS pixels) nobody reads a card from the back of a room, so the page pans instead. */
const MIN_PX = 13;

function apply(node: HTMLElement, i: number, unit: number) {
	const [fs, lines] = LEVELS[i];
	node.style.setProperty('--fs', `${Math.max(MIN_PX, fs * unit).toFixed(1)}px`);
	node.style.setProperty('--lines', String(lines));
}

/** The boxes whose single child must fit inside them: `[data-fit-box]` below the node, else the node's parent. */
function boxes(node: HTMLElement): HTMLElement[] {
	const inner = [...node.querySelectorAll<HTMLElement>('[data-fit-box]')];
	return inner.length ? inner : node.parentElement ? [node.parentElement] : [];
}

function overflow(box: HTMLElement): number {
	const child = box.firstElementChild as HTMLElement | null;
	if (!child) return 0;
	return Math.max(child.scrollHeight - box.clientHeight, child.scrollWidth - box.clientWidth, 0);
}

/**
 * Picks the largest type at which every box's content fits (binary search over LEVELS, scaled to the viewport).
 * If even the densest level overflows, each overflowing box's content pans slowly up and down instead.
 */
export function fitNow(node: HTMLElement) {
	const all = boxes(node);
	const unit = Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
	for (const b of all) delete (b.firstElementChild as HTMLElement | null)?.dataset.pan;
	const fits = () => all.every((b) => overflow(b) <= 1);
	let lo = 0;
	let hi = LEVELS.length - 1;
	apply(node, hi, unit);
	if (!fits()) {
		for (const b of all) {
			const child = b.firstElementChild as HTMLElement | null;
			const px = overflow(b);
			if (!child || px <= 1) continue;
			child.dataset.pan = 'true';
			child.style.setProperty('--pan', `${px}px`);
			child.style.setProperty('--pan-seconds', String(Math.round(16 + px / 12)));
		}
		return;
	}
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		apply(node, mid, unit);
		if (fits()) hi = mid;
		else lo = mid + 1;
	}
	apply(node, lo, unit);
}

/** Svelte action: keeps the node's type fitted to its space; pass anything that changes with the content as `key`. */
export function fitToSpace(node: HTMLElement, _key: unknown) {
	let frame = 0;
	const run = () => {
		cancelAnimationFrame(frame);
		frame = requestAnimationFrame(() => fitNow(node));
	};
	const ro = new ResizeObserver(run);
	ro.observe(node.parentElement ?? node);
	run();
	return {
		update: run,
		destroy() {
			ro.disconnect();
			cancelAnimationFrame(frame);
		}
	};
}
