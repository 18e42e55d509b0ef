/**
 * What every activity's exports share: the spreadsheet's separator and dates for the workshop's language, CSV cells
 * that cannot run as formulas, Markdown escaping that stays readable as plain text, and time zone names. (Modules do
 * not import each other, so these live in the core.)
 */

/** The words' locale and time zone, as the exports' date formats need them. */
export interface DateWords {
	/** BCP 47 tag for dates (Intl). */
	locale: string;
	/** IANA time zone; the server's own zone when absent. */
	timeZone?: string;
}

/** Intl options for the words' time zone (none: the server's). */
export const zoneOf = (w: { timeZone?: string }) => (w.timeZone ? { timeZone: w.timeZone } : {});

/** Whether a string names a time zone this runtime knows (IANA, e.g. Europe/Berlin). */
export function isTimeZone(tz: string): boolean {
	if (!tz || tz.length > 64) return false;
	try {
		new Intl.DateTimeFormat('en', { timeZone: tz });
		return true;
	} catch {
		return false;
	}
}

/**
 * The CSV separator a spreadsheet set to this language expects: `;` where the comma is the decimal separator
 * (German, French), `,` otherwise.
 */
export function csvSeparatorFor(locale: string): ',' | ';' {
	const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value;
	return decimal === ',' ? ';' : ',';
}

/** A date and time (epoch ms or ISO 8601) as a spreadsheet in this language reads it ("25.11.2026 13:00" in German). */
export function spreadsheetDate(at: number | string, words: DateWords): string {
	const d = new Date(at);
	const date = new Intl.DateTimeFormat(words.locale, { year: 'numeric', month: '2-digit', day: '2-digit', ...zoneOf(words) }).format(d);
	const time = new Intl.DateTimeFormat(words.locale, { hour: '2-digit', minute: '2-digit', ...zoneOf(words) }).format(d);
	return `${date} ${time}`;
}

/** A cell that a spreadsheet would read as a formula (= + - @, tab, CR at its start) gets an apostrophe in front. */
export function defuseFormula(s: string): string {
	return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/**
 * A CSV document for spreadsheets: a UTF-8 byte-order mark (so Excel reads umlauts), the separator, CRLF rows, RFC
 * 4180 quoting. Every text cell is defused against formula injection; numbers are written as they are.
 */
export function csvDocument(rows: (string | number | null)[][], separator: string): string {
	const cell = (v: string | number | null) => {
		const s = v === null ? '' : typeof v === 'number' ? String(v) : defuseFormula(v);
		return s.includes(separator) || /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	return '\uFEFF' + rows.map((r) => r.map(cell).join(separator)).join('\r\n') + '\r\n';
}

/**
 * Makes text safe to embed in Markdown while it stays readable as plain text: only what a Markdown viewer would turn
 * into HTML, a link, an entity or a block (a heading, list, quote, rule or code block at the start of a line) is
 * escaped, with a backslash. Ordinary punctuation (& ! . ( ) - * _) is left as typed. Lines are joined with
 * `joiner` (a hard break by default).
 */
export function escapeMarkdown(s: string, joiner = '  \n'): string {
	return s
		.split(/\r\n|\r|\n/)
		.map((line) =>
			line
				.trimStart()
				// A backslash before punctuation would escape it: double it (elsewhere a backslash is shown as typed).
				.replace(/\\(?=[!-/:-@[-`{-~]|$)/g, '\\\\')
				// HTML tags, comments, processing instructions and autolinks start with < and a letter, / ! or ?.
				.replace(/<(?=[A-Za-z/!?])/g, '\\<')
				// Entities (&lt; &#60;) would be decoded.
				.replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
				// Links, images and reference definitions need brackets.
				.replace(/[[\]]/g, '\\$&')
				// Block markers at the start of a line: headings, quotes, list items, rules, setext underlines, fences.
				.replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
				.replace(/^(?:#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|([-*_])(?:\s*\1){2,}\s*$|=+\s*$|`{3}|~{3})/, '\\$&')
		)
		.join(joiner);
}

/** escapeMarkdown for places that hold one line (headings, list items): line breaks become spaces first. */
export function escapeMarkdownLine(s: string): string {
	return escapeMarkdown(s.replace(/\s*[\r\n]+\s*/g, ' '));
}
