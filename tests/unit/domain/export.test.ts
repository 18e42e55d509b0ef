import { describe, expect, it } from 'vitest';
import type { BoardSettings } from '$lib/domain/board';
import { buildExport, escapeMarkdown, exportCsv, exportJson, exportMarkdown, type BoardExport } from '$lib/domain/export';
import { makeBoard } from '../../helpers/domain';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

type InputCard = Parameters<typeof buildExport>[0]['cards'][number];

function card(over: Partial<InputCard> & { id: string; text: string }): InputCard {
	return { authorName: 'Swift Otter 42', columnId: 'c1', laneId: null, clusterId: null, status: 'visible', createdAt: NOW - 60_000, ...over };
}

function model(
	opts: { anonymous?: boolean; cards?: InputCard[]; tally?: Record<string, number>; settings?: Partial<BoardSettings> } = {}
): BoardExport {
	const board = makeBoard({
		title: 'Sprint 12',
		phase: 'discuss',
		votingClosed: true,
		lanes: [{ id: 'l1', title: 'Team A' }],
		settings: { anonymous: opts.anonymous ?? false, ...opts.settings }
	});
	return buildExport({
		workshop: { title: 'Retro', code: 'ABCDEFG' },
		board,
		cards: opts.cards ?? [
			card({ id: 'k1', text: 'More pairing', authorName: 'Swift Otter 42', laneId: 'l1' }),
			card({ id: 'k2', text: 'Shorter standups', authorName: 'Calm Fox 17', clusterId: 'g1', createdAt: NOW - 50_000 }),
			card({ id: 'k3', text: 'Daily sync', authorName: 'Calm Fox 17', clusterId: 'g1', columnId: 'c1', createdAt: NOW - 40_000 }),
			card({ id: 'k4', text: 'Ship on Fridays', authorName: 'Bold Lynx 33', columnId: 'c3', createdAt: NOW - 30_000 })
		],
		clusters: [{ id: 'g1', title: 'Meetings', columnId: 'c1', createdAt: NOW - 55_000 }],
		tally: opts.tally ?? { k1: 3, g1: 4, k4: 1 },
		now: NOW
	});
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF rows) back into rows of cells. */
function parseCsv(text: string): string[][] {
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
		else if (ch === ',') row.push(cell), (cell = '');
		else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
		else cell += ch;
	}
	if (cell || row.length) row.push(cell), rows.push(row);
	return rows;
}

describe('buildExport', () => {
	it('carries cards with column, lane, cluster, votes and ISO times', () => {
		const e = model();
		expect(e.workshop).toEqual({ title: 'Retro', code: 'ABCDEFG', exportedAt: '2026-11-25T12:00:00.000Z' });
		expect(e.board).toEqual({ title: 'Sprint 12', phase: 'discuss', columns: ['Ideas', 'Discuss', 'Decided'], columnIds: ['c1', 'c2', 'c3'], lanes: ['Team A'] });
		expect(e.cards.find((c) => c.id === 'k1')).toEqual({
			id: 'k1',
			text: 'More pairing',
			author: 'Swift Otter 42',
			column: 'Ideas',
			columnId: 'c1',
			lane: 'Team A',
			cluster: null,
			clusterId: null,
			votes: 3,
			status: 'visible',
			createdAt: new Date(NOW - 60_000).toISOString()
		});
		expect(e.cards.find((c) => c.id === 'k2')).toMatchObject({ cluster: 'Meetings', clusterId: 'g1', votes: 0 });
		expect(e.clusters).toEqual([{ id: 'g1', title: 'Meetings', column: 'Ideas', columnId: 'c1', votes: 4, cards: 2 }]);
	});

	it('ranks clusters and loose visible cards by votes, leaving out clustered and hidden cards', () => {
		const cards = [
			card({ id: 'k1', text: 'One' }),
			card({ id: 'k2', text: 'In cluster', clusterId: 'g1' }),
			card({ id: 'k5', text: 'Hidden one', status: 'hidden' }),
			card({ id: 'k4', text: 'Four', createdAt: NOW - 10 })
		];
		const e = model({ cards, tally: { k1: 3, g1: 4, k2: 9, k5: 9 } });
		expect(e.ranking).toEqual([
			{ kind: 'cluster', title: 'Meetings', votes: 4 },
			{ kind: 'card', title: 'One', votes: 3 },
			{ kind: 'card', title: 'Four', votes: 0 }
		]);
	});

	it('names authors on a named board', () => {
		expect(model({ anonymous: false }).cards.map((c) => c.author)).toEqual(['Swift Otter 42', 'Calm Fox 17', 'Calm Fox 17', 'Bold Lynx 33']);
	});

	it('omits authors on an anonymous board, in every format', () => {
		const e = model({ anonymous: true });
		expect(e.cards.every((c) => c.author === null)).toBe(true);
		for (const out of [exportJson(e), exportCsv(e), exportMarkdown(e)]) {
			for (const name of ['Swift Otter 42', 'Calm Fox 17', 'Bold Lynx 33']) expect(out).not.toContain(name);
		}
	});
});

describe('exportJson', () => {
	it('is the export model, pretty-printed, and parses back to it', () => {
		const e = model();
		const text = exportJson(e);
		expect(JSON.parse(text)).toEqual(e);
		expect(text).toContain('\n  "workshop": {');
		expect(Object.keys(JSON.parse(text))).toEqual(['workshop', 'board', 'cards', 'clusters', 'ranking']);
	});
});

describe('exportCsv', () => {
	it('has a header and one CRLF row per card', () => {
		const text = exportCsv(model());
		expect(text.endsWith('\r\n')).toBe(true);
		const rows = parseCsv(text);
		expect(rows[0]).toEqual(['id', 'text', 'author', 'column', 'lane', 'cluster', 'votes', 'status', 'created_at']);
		expect(rows).toHaveLength(5);
		expect(rows[1]).toEqual(['k1', 'More pairing', 'Swift Otter 42', 'Ideas', 'Team A', '', '3', 'visible', new Date(NOW - 60_000).toISOString()]);
	});

	it('quotes commas, quotes and newlines so the text round-trips', () => {
		const text = 'Say "hi", then\nleave';
		const rows = parseCsv(exportCsv(model({ cards: [card({ id: 'k1', text })] })));
		expect(rows).toHaveLength(2);
		expect(rows[1][1]).toBe(text);
		expect(exportCsv(model({ cards: [card({ id: 'k1', text })] }))).toContain('"Say ""hi"", then\nleave"');
	});

	it.each(['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1:A2)', '\tcmd', '\rcmd'])(
		'defuses a cell a spreadsheet would run as a formula: %j',
		(text) => {
			const rows = parseCsv(exportCsv(model({ cards: [card({ id: 'k1', text })] })));
			expect(rows[1][1]).toBe(`'${text}`);
		}
	);

	it('defuses formulas in authors’ nicknames too', () => {
		const rows = parseCsv(exportCsv(model({ cards: [card({ id: 'k1', text: 'ok', authorName: '=cmd|"/c calc"!A1' })] })));
		expect(rows[1][2]).toBe(`'=cmd|"/c calc"!A1`);
	});

	it('leaves ordinary text alone', () => {
		const rows = parseCsv(exportCsv(model({ cards: [card({ id: 'k1', text: 'a = b + c' })] })));
		expect(rows[1][1]).toBe('a = b + c');
	});
});

describe('escapeMarkdown and exportMarkdown', () => {
	it('turns HTML into inert text', () => {
		expect(escapeMarkdown('<script>alert(1)</script>')).not.toMatch(/</);
		expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert\\(1\\)&gt;');
		expect(escapeMarkdown('a & b')).toBe('a &amp; b');
		expect(escapeMarkdown('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
	});

	it('escapes Markdown syntax so text cannot become links, images, emphasis or headings', () => {
		expect(escapeMarkdown('[click](javascript:alert(1))')).toBe('\\[click\\]\\(javascript:alert\\(1\\)\\)');
		expect(escapeMarkdown('![x](y)')).toBe('\\!\\[x\\]\\(y\\)');
		expect(escapeMarkdown('*bold* _it_ `code` ~~s~~')).toBe('\\*bold\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~');
		expect(escapeMarkdown('# h')).toBe('\\# h');
		expect(escapeMarkdown('1. item | cell')).toBe('1\\. item \\| cell');
		expect(escapeMarkdown('back\\slash')).toBe('back\\\\slash');
	});

	it('keeps line breaks inside one card as hard breaks', () => {
		expect(escapeMarkdown('one\ntwo')).toBe('one  \ntwo');
	});

	it('lists the board by column with clusters, their cards and the ranking', () => {
		const md = exportMarkdown(model());
		expect(md).toContain('# Retro: Sprint 12');
		expect(md).toContain('Exported 2026-11-25T12:00:00.000Z');
		const ideas = md.indexOf('## Ideas');
		const discuss = md.indexOf('## Discuss');
		const decided = md.indexOf('## Decided');
		expect(ideas).toBeGreaterThan(-1);
		expect(ideas).toBeLessThan(discuss);
		expect(discuss).toBeLessThan(decided);
		expect(md).toContain('### Meetings (4)');
		expect(md).toContain('- More pairing (Swift Otter 42) [Team A]: 3 votes');
		expect(md).toContain('- Shorter standups (Calm Fox 17)');
		expect(md.indexOf('- Ship on Fridays')).toBeGreaterThan(decided);
		expect(md).toContain('## Ranking');
		expect(md).toContain('| 1 | Meetings | 4 |');
		expect(md).toContain('| 2 | More pairing | 3 |');
	});

	it('lists each card exactly once', () => {
		const md = exportMarkdown(model());
		for (const text of ['More pairing', 'Shorter standups', 'Daily sync', 'Ship on Fridays']) {
			expect(md.split(`- ${text}`).length - 1).toBe(1);
		}
	});

	it('lists each card exactly once even when two columns share a title', () => {
		const board = makeBoard({
			columns: [
				{ id: 'c1', title: 'Ideas', wipLimit: null },
				{ id: 'c2', title: 'Ideas', wipLimit: null }
			]
		});
		const e = buildExport({
			workshop: { title: 'Retro', code: 'ABCDEFG' },
			board,
			cards: [card({ id: 'k1', text: 'Left', columnId: 'c1' }), card({ id: 'k2', text: 'Right', columnId: 'c2' })],
			clusters: [],
			tally: {},
			now: NOW
		});
		const md = exportMarkdown(e);
		expect(md.split('- Left').length - 1).toBe(1);
		expect(md.split('- Right').length - 1).toBe(1);
	});

	it('leaves the ranking out when nobody voted', () => {
		expect(exportMarkdown(model({ tally: {} }))).not.toContain('## Ranking');
	});

	it('keeps a hostile card inert in the Markdown output', () => {
		const hostile = '<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))';
		const md = exportMarkdown(model({ cards: [card({ id: 'k1', text: hostile, authorName: '<b>Eve</b>' })], tally: { k1: 1 } }));
		expect(md).not.toMatch(/<\s*(script|img|b)\b/i);
		expect(md).not.toContain('](javascript:');
		expect(md).toContain('&lt;script&gt;');
		expect(md).toContain('&lt;img src=x onerror=alert\\(2\\)&gt;');
		expect(md).toContain('(&lt;b&gt;Eve&lt;/b&gt;)');
	});

	it('escapes titles of the workshop, board, columns and clusters', () => {
		const board = makeBoard({ title: '<i>B</i>', columns: [{ id: 'c1', title: '# Col *1*', wipLimit: null }] });
		const md = exportMarkdown(
			buildExport({
				workshop: { title: '[W](http://x)', code: 'ABCDEFG' },
				board,
				cards: [card({ id: 'k1', text: 'x', clusterId: 'g1' })],
				clusters: [{ id: 'g1', title: '<u>G</u>', columnId: 'c1', createdAt: NOW }],
				tally: {},
				now: NOW
			})
		);
		expect(md).toContain('# \\[W\\]\\(http://x\\): &lt;i&gt;B&lt;/i&gt;');
		expect(md).toContain('## \\# Col \\*1\\*');
		expect(md).toContain('### &lt;u&gt;G&lt;/u&gt; (0)');
	});

	it('does not show hidden or pending cards as ordinary cards', () => {
		const md = exportMarkdown(
			model({
				cards: [
					card({ id: 'k1', text: 'Shown' }),
					card({ id: 'k2', text: 'Moderated away', status: 'hidden' }),
					card({ id: 'k3', text: 'Awaiting approval', status: 'pending' })
				],
				tally: {}
			})
		);
		expect(md).toContain('- Shown');
		expect(md).not.toContain('- Moderated away');
		expect(md).not.toContain('- Awaiting approval');
	});
});
