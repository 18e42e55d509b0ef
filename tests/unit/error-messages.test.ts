import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/lib/features/index';
import { errorMessage } from '../../src/lib/features/messages';
import { m } from '../../src/lib/paraglide/messages.js';

describe('every refusal has words', () => {
	it('each code of the core and of every module has its own message in English, German and French', () => {
		for (const locale of ['en', 'de', 'fr'] as const) {
			const fallback = m.error_internal({}, { locale });
			for (const code of ERROR_CODES) {
				const text = errorMessage(code, { locale });
				expect(text, `${code} in ${locale}`).toBeTruthy();
				if (code !== 'internal') expect(text, `${code} in ${locale} falls back to "internal"`).not.toBe(fallback);
			}
		}
	});
});
