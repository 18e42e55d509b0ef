/**
 * Text people type is shown to others: what renders as nothing (zero-width and filler characters) or turns the
 * text around (bidi controls such as U+202E, which makes "Bob evil" read "live Bob") is taken out before it is
 * stored. Pure: no I/O.
 */

/**
 * Format characters (every bidi control, zero-width space and joiners, word joiner, BOM, soft hyphen, Mongolian
 * vowel separator, language tags) and characters that render as blank space without being whitespace (combining
 * grapheme joiner, Hangul fillers, Khmer inherent vowels, braille blank).
 */
const INVISIBLE = /[\p{Cf}\u034F\u115F\u1160\u17B4\u17B5\u3164\uFFA0\u2800]/gu;
const PICTOGRAPH_BEFORE = /\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]?$/u;
const PICTOGRAPH_AFTER = /^\p{Extended_Pictographic}/u;

/** NFC-normalises text and removes invisible and direction-changing characters (a zero-width joiner inside an emoji stays). */
export function stripInvisible(input: string): string {
	return input.normalize('NFC').replace(INVISIBLE, (ch, at: number, all: string) =>
		// 👩‍💻 is three characters joined by U+200D: there it is part of what people see.
		ch === '\u200D' && PICTOGRAPH_BEFORE.test(all.slice(Math.max(0, at - 4), at)) && PICTOGRAPH_AFTER.test(all.slice(at + 1, at + 3)) ? ch : ''
	);
}

/** Whether text has anything a reader can see (not only spaces and combining marks). */
export function hasVisible(text: string): boolean {
	return /[^\s\p{M}]/u.test(text);
}
