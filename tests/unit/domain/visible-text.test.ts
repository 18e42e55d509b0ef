import { describe, expect, it } from 'vitest';
import { cleanCardText, cleanTitle } from '$lib/features/board/domain';
import { cleanNickname } from '$lib/domain/nickname';
import { stripInvisible } from '$lib/domain/visible-text';

describe('names and texts people see: nothing invisible, nothing that turns text around', () => {
	it('refuses nicknames and titles made only of invisible characters', () => {
		for (const blank of ['\u200B\u200B', '\u200C\u200D\u2060', '\uFEFF', '\u3164\u3164', '\u2800', '\u202E', '\u2066\u2069', ' \u00AD ', '\u034F', '\u0301\u0301'])
			expect([cleanNickname(blank), cleanTitle(blank)], JSON.stringify(blank)).toEqual([
				{ ok: false, reason: 'nickname_empty' },
				{ ok: false, reason: 'title_empty' }
			]);
		expect(cleanCardText('\u200B\n\u200B')).toEqual({ ok: false, reason: 'card_empty' });
	});

	it('strips bidi controls, so "\\u202Eevil Bob" cannot show as "Bob live"', () => {
		expect(cleanNickname('\u202Eevil Bob')).toEqual({ ok: true, value: 'evil Bob' });
		expect(cleanTitle('Team\u2067 A\u2069')).toEqual({ ok: true, value: 'Team A' });
		expect(cleanCardText('More\u200B water\u202E fountains')).toEqual({ ok: true, value: 'More water fountains' });
	});

	it('normalises to NFC and keeps what people do see: accents, other scripts, emoji with joiners', () => {
		expect(cleanNickname('Zoe\u0308')).toEqual({ ok: true, value: 'Zoë' });
		expect(cleanNickname('שרה')).toEqual({ ok: true, value: 'שרה' });
		expect(cleanNickname('Ana 👩‍💻')).toEqual({ ok: true, value: 'Ana 👩‍💻' });
		expect(cleanNickname('Kim 👍🏽')).toEqual({ ok: true, value: 'Kim 👍🏽' });
		expect(stripInvisible('a\u200Db')).toBe('ab');
	});
});
