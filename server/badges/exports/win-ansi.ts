/**
 * The PDF's standard fonts (Helvetica) write text in WinAnsi (Windows-1252): every German and French letter is in it
 * (ä ö ü ß é è à ç œ « » and the typographic quotes and dashes), but not every character a name or a description
 * may hold. pdfkit writes a character outside it as garbage, so the PDF's text goes through `toWinAnsi` first.
 */

/** Characters above Latin-1 that Windows-1252 has (pdfkit's WIN_ANSI_MAP). */
const EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Look-alikes for characters Windows-1252 lacks; letters with accents decompose instead (see `toWinAnsi`). */
const SUBSTITUTES: Record<string, string> = {
	'\u202f': '\u00a0', // narrow no-break space (French « », ; ! ?) -> no-break space
	'\u2009': ' ',
	'\u200a': ' ',
	'\u2007': '\u00a0',
	'\u2002': ' ',
	'\u2003': ' ',
	'\u200b': '',
	'\u2060': '',
	'\ufeff': '',
	'\u2010': '-',
	'\u2011': '-',
	'\u2012': '–',
	'\u2212': '-',
	'\u2015': '—',
	'\u2032': "'",
	'\u2033': '"',
	'\u201b': '‘',
	'\u201f': '“',
	ł: 'l',
	Ł: 'L',
	đ: 'd',
	Đ: 'D',
	ı: 'i',
	ħ: 'h',
	Ħ: 'H',
	ŀ: 'l',
	Ŀ: 'L',
	ŉ: "'n",
	ſ: 's'
};

const encodable = (ch: string): boolean => {
	const c = ch.codePointAt(0)!;
	return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || EXTRA.has(ch);
};

/**
 * `text` as Helvetica can write it: WinAnsi characters stay, a few look-alikes are substituted, accented letters
 * outside WinAnsi lose their accent (ő -> o), line breaks and tabs become spaces, characters beyond the Basic
 * Multilingual Plane (emoji) are dropped, and anything else becomes "?".
 */
export function toWinAnsi(text: string): string {
	let out = '';
	for (const ch of text.normalize('NFC')) {
		if (encodable(ch)) out += ch;
		else if (ch in SUBSTITUTES) out += SUBSTITUTES[ch];
		else if (/[\u0000-\u001f\u007f-\u009f]/.test(ch)) out += ' ';
		else if (ch.codePointAt(0)! > 0xffff || /\p{M}/u.test(ch)) continue;
		else {
			const bare = ch.normalize('NFKD').replace(/\p{M}/gu, '');
			out += bare.length > 0 && [...bare].every(encodable) ? bare : '?';
		}
	}
	return out;
}
