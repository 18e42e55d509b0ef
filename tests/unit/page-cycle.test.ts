import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PAGE_MS, isNextPageKey, pageCycle, pageTicker, setPageCycle, turnPage } from '../../src/lib/components/projector/page-cycle';

describe("the projector's page cycle from its link", () => {
	it('takes 2 to 60 seconds from ?page=, and keeps 8 s for anything else', () => {
		for (const [param, ms] of [
			['15', 15_000],
			['2', 2000],
			['60', 60_000],
			['2.5', 2500],
			['1', DEFAULT_PAGE_MS],
			['61', DEFAULT_PAGE_MS],
			['abc', DEFAULT_PAGE_MS],
			['', DEFAULT_PAGE_MS],
			[null, DEFAULT_PAGE_MS]
		] as const) {
			setPageCycle(param);
			expect(pageCycle.ms, String(param)).toBe(ms);
		}
	});
});


describe('turning the page by hand', () => {
	afterEach(() => {
		vi.useRealTimers();
		setPageCycle(null);
	});

	it('turns every running cycle now, then holds the turned page a full period', () => {
		vi.useFakeTimers();
		setPageCycle('10');
		const a: number[] = [];
		const b: number[] = [];
		const stopA = pageTicker(() => a.push(Date.now()));
		const stopB = pageTicker(() => b.push(Date.now()));
		const t0 = Date.now();
		vi.advanceTimersByTime(4000);
		turnPage();
		expect(a.map((t) => t - t0)).toEqual([4000]);
		expect(b.map((t) => t - t0)).toEqual([4000]);
		// Not at 10 s (the old period's turn), but 10 s after the turn by hand.
		vi.advanceTimersByTime(9999);
		expect(a).toHaveLength(1);
		vi.advanceTimersByTime(1);
		expect(a.map((t) => t - t0)).toEqual([4000, 14_000]);
		stopA();
		turnPage();
		vi.advanceTimersByTime(30_000);
		expect(a).toHaveLength(2);
		// b: by hand at 4 s, by itself at 14 s, by hand at 14 s, then every 10 s for 30 s.
		expect(b.length).toBe(1 + 1 + 1 + 3);
		stopB();
	});

	it('takes Page Down, the right arrow and the space bar, without modifiers and never from a field', () => {
		const key = (key: string, more: Partial<KeyboardEvent> = {}, tagName = 'BODY') =>
			isNextPageKey({ key, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, target: { tagName } as unknown as EventTarget, ...more });
		expect(key('PageDown')).toBe(true);
		expect(key('ArrowRight')).toBe(true);
		expect(key(' ')).toBe(true);
		expect(key('PageUp')).toBe(false);
		expect(key('a')).toBe(false);
		expect(key('PageDown', { ctrlKey: true })).toBe(false);
		expect(key('ArrowRight', { altKey: true })).toBe(false);
		expect(key(' ', {}, 'INPUT')).toBe(false);
		expect(key(' ', {}, 'BUTTON')).toBe(false);
		expect(key('PageDown', {}, 'TEXTAREA')).toBe(false);
	});
});
