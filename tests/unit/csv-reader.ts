// An independent CSV reader for the export tests (the board's and the BarCamp's): written apart from the code under test.

/** Parses CSV (RFC 4180 quoting, CRLF rows, the given separator) back into rows of cells; drops a leading BOM. */
export function parseCsv(text: string, separator = ','): string[][] {
	if (text.startsWith('\uFEFF')) text = text.slice(1);
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
			else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === separator) row.push(cell), (cell = '');
		else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
		else if (ch === '\n' || ch === '\r') throw new Error(`bare line break outside quotes at ${i}`);
		else cell += ch;
	}
	if (cell || row.length) row.push(cell), rows.push(row);
	return rows;
}
