import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_MS, pageCycle, setPageCycle } from '../../src/lib/components/projector/page-cycle';

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
