import { describe, expect, it } from 'vitest';
import type { BoardSettings } from '$lib/features/board/domain';
import {
	buildExport,
	csvSeparatorFor,
	escapeMarkdown,
	escapeMarkdownLine,
	exportCsv,
	exportJson,
	exportMarkdown,
	spreadsheetDate,
	type BoardExport,
	type ExportWords
} from '$lib/features/board/export';
import { exportWords } from '../../../server/features/board/export-words';
import { makeBoard } from '../../helpers/domain';
import { mulberry32 as rng } from '$lib/domain/random';
import { parseCsv } from '../csv-reader';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const EN = exportWords('en', 'UTC');
const DE = exportWords('de', 'Europe/Berlin');
const FR = exportWords('fr', 'Europe/Paris');

type Input = Parameters<typeof buildExport>[0];
type InputCard = Input['cards'][number];

function card(over: Partial<InputCard> & { id: string; text: string }): InputCard {
	return { authorName: 'Swift Otter 42', columnId: 'c1', laneId: null, clusterId: null, status: 'visible', createdAt: NOW - 60_000, ...over };
}

function model(
	opts: { anonymous?: boolean; cards?: InputCard[]; tally?: Record<string, number>; settings?: Partial<BoardSettings>; locale?: string } = {}
): BoardExport {
	const board = makeBoard({
		title: 'Sprint 12',
		phase: 'discuss',
		votingClosed: true,
		lanes: [{ id: 'l1', title: 'Team A' }],
		settings: { anonymous: opts.anonymous ?? false, ...opts.settings }
	});
	return buildExport({
		workshop: { title: 'Retro', code: 'ABCDEFG', locale: opts.locale ?? 'en' },
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


/** The CSV of an export as objects keyed by the (translated) header. */
function csvRecords(e: BoardExport, words: ExportWords) {
	const sep = csvSeparatorFor(words.locale);
	const [header, ...rows] = parseCsv(exportCsv(e, words), sep);
	return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** Positions of `pattern` in `md` that are not escaped by a backslash (an odd run of backslashes before them). */
function unescaped(md: string, pattern: RegExp): string[] {
	const found: string[] = [];
	for (const match of md.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g'))) {
		const before = /\\*$/.exec(md.slice(0, match.index))![0].length;
		if (before % 2 === 0) found.push(match[0]);
	}
	return found;
}

describe('buildExport', () => {
	it('carries cards with column, lane, cluster, votes, rank and ISO times', () => {
		const e = model();
		expect(e.workshop).toEqual({ title: 'Retro', code: 'ABCDEFG', locale: 'en', exportedAt: '2026-11-25T12:00:00.000Z' });
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
			rank: 2,
			status: 'visible',
			createdAt: new Date(NOW - 60_000).toISOString()
		});
		expect(e.cards.find((c) => c.id === 'k2')).toMatchObject({ cluster: 'Meetings', clusterId: 'g1', votes: 0, rank: null });
		expect(e.clusters).toEqual([
			{ id: 'g1', title: 'Meetings', column: 'Ideas', columnId: 'c1', votes: 4, rank: 1, cards: 2, createdAt: new Date(NOW - 55_000).toISOString() }
		]);
	});

	it('ranks clusters and loose visible cards by votes, equal votes sharing a place, leaving out clustered and hidden cards', () => {
		const cards = [
			card({ id: 'k1', text: 'One' }),
			card({ id: 'k2', text: 'In cluster', clusterId: 'g1' }),
			card({ id: 'k5', text: 'Hidden one', status: 'hidden' }),
			card({ id: 'k4', text: 'Four', createdAt: NOW - 10 }),
			card({ id: 'k6', text: 'Six', createdAt: NOW - 5 })
		];
		const e = model({ cards, tally: { k1: 3, g1: 4, k2: 9, k5: 9, k4: 3 } });
		expect(e.ranking).toEqual([
			{ rank: 1, kind: 'cluster', id: 'g1', title: 'Meetings', votes: 4 },
			{ rank: 2, kind: 'card', id: 'k1', title: 'One', votes: 3 },
			{ rank: 2, kind: 'card', id: 'k4', title: 'Four', votes: 3 },
			{ rank: 4, kind: 'card', id: 'k6', title: 'Six', votes: 0 }
		]);
	});

	it('names authors on a named board', () => {
		expect(model({ anonymous: false }).cards.map((c) => c.author)).toEqual(['Swift Otter 42', 'Calm Fox 17', 'Calm Fox 17', 'Bold Lynx 33']);
	});

	it('omits authors on an anonymous board, in every format', () => {
		const e = model({ anonymous: true });
		expect(e.cards.every((c) => c.author === null)).toBe(true);
		for (const out of [exportJson(e), exportCsv(e, EN), exportMarkdown(e, EN), exportCsv(e, DE), exportMarkdown(e, DE)]) {
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
		expect(Object.keys(JSON.parse(text))).toEqual(['workshop', 'board', 'cards', 'clusters', 'ranking', 'minutes']);
	});
});

describe('exportCsv', () => {
	it('carries the votes of clusters, so sorting by votes names the real winner', () => {
		const records = csvRecords(model(), EN);
		const cluster = records.find((r) => r.ID === 'g1');
		expect(cluster).toMatchObject({ Type: 'Group', Text: 'Meetings', Votes: '4', Rank: '1', 'Cards in group': '2' });
		const top = [...records].sort((a, b) => Number(b.Votes) - Number(a.Votes))[0];
		expect(top.Text).toBe('Meetings');
		// The cluster's cards name it, so a filter on the cluster column finds them.
		expect(records.filter((r) => r.Group === 'Meetings').map((r) => r.Text)).toEqual(['Shorter standups', 'Daily sync']);
	});

	it('opens in a German spreadsheet: byte-order mark, semicolons, German headers, words and dates', () => {
		const e = model({ locale: 'de' });
		const text = exportCsv(e, DE);
		expect(text.startsWith('\uFEFF')).toBe(true);
		expect(text.endsWith('\r\n')).toBe(true);
		const rows = parseCsv(text, ';');
		expect(rows[0]).toEqual(['Typ', 'ID', 'Text', 'Verfasst von', 'Spalte', 'Bahn', 'Gruppe', 'Stimmen', 'Platz', 'Karten in der Gruppe', 'Status', 'Erstellt am', 'Protokoll']);
		expect(rows).toHaveLength(1 + 1 + 4);
		expect(rows[1]).toEqual(['Gruppe', 'g1', 'Meetings', '', 'Ideas', '', '', '4', '1', '2', '', '25.11.2026 12:59', '']);
		expect(rows[2]).toEqual(['Karte', 'k1', 'More pairing', 'Swift Otter 42', 'Ideas', 'Team A', '', '3', '2', '', 'sichtbar', '25.11.2026 12:59', '']);
	});

	it('uses the separator a spreadsheet in the language expects', () => {
		expect(csvSeparatorFor('de')).toBe(';');
		expect(csvSeparatorFor('fr')).toBe(';');
		expect(csvSeparatorFor('en')).toBe(',');
		expect(parseCsv(exportCsv(model(), FR), ';')[0][0]).toBe('Type');
		expect(parseCsv(exportCsv(model(), FR), ';')[0][2]).toBe('Texte');
	});

	it('writes dates in the language and the chosen time zone', () => {
		expect(spreadsheetDate('2026-11-25T12:00:00.000Z', DE)).toBe('25.11.2026 13:00');
		expect(spreadsheetDate('2026-11-25T12:00:00.000Z', FR)).toBe('25/11/2026 13:00');
		expect(spreadsheetDate('2026-11-25T12:00:00.000Z', EN)).toBe('11/25/2026 12:00 PM');
	});

	it('quotes separators, quotes and newlines so the text round-trips', () => {
		const text = 'Say "hi", then; leave\nnow';
		for (const words of [EN, DE]) {
			const out = exportCsv(model({ cards: [card({ id: 'k1', text })] }), words);
			const rows = parseCsv(out, csvSeparatorFor(words.locale));
			expect(rows).toHaveLength(3);
			expect(rows[2][2]).toBe(text);
			expect(out).toContain('"Say ""hi"", then; leave\nnow"');
		}
	});

	it.each(['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1:A2)', '\tcmd', '\rcmd'])(
		'defuses a cell a spreadsheet would run as a formula: %j',
		(text) => {
			const rows = parseCsv(exportCsv(model({ cards: [card({ id: 'k1', text })] }), EN));
			expect(rows[2][2]).toBe(`'${text}`);
		}
	);

	it('defuses formulas in authors’ nicknames and cluster titles too', () => {
		const e = buildExport({
			workshop: { title: 'W', code: 'ABCDEFG', locale: 'en' },
			board: makeBoard({ settings: { anonymous: false } }),
			cards: [card({ id: 'k1', text: 'ok', authorName: '=cmd|"/c calc"!A1' })],
			clusters: [{ id: 'g1', title: '@SUM(1)', columnId: 'c1', createdAt: NOW }],
			tally: {},
			now: NOW
		});
		const rows = parseCsv(exportCsv(e, EN));
		expect(rows[1][2]).toBe(`'@SUM(1)`);
		expect(rows[2][3]).toBe(`'=cmd|"/c calc"!A1`);
	});

	it('leaves ordinary text alone', () => {
		const rows = parseCsv(exportCsv(model({ cards: [card({ id: 'k1', text: 'a = b + c' })] }), EN));
		expect(rows[2][2]).toBe('a = b + c');
	});
});

describe('escapeMarkdown', () => {
	it('leaves ordinary text readable: no entities, no escapes of harmless punctuation', () => {
		for (const s of ['Sport & Spiel!', 'Mehr Pausen (bitte) - jetzt.', 'a < b > c', 'Q&A um 10:00', '*wichtig* und _leise_', 'C:\\Temp', '100 % Bio, 2 + 2 = 4']) {
			expect(escapeMarkdown(s)).toBe(s);
		}
	});

	it('turns HTML, entities and links into inert text', () => {
		expect(escapeMarkdown('<script>alert(1)</script>')).toBe('\\<script>alert(1)\\</script>');
		expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert(1)>');
		expect(escapeMarkdown('<!-- c --> <?php ?> <http://x>')).toBe('\\<!-- c --> \\<?php ?> \\<http://x>');
		expect(escapeMarkdown('&lt;b&gt; &#60;')).toBe('\\&lt;b\\&gt; \\&#60;');
		expect(escapeMarkdown('[click](javascript:alert(1))')).toBe('\\[click\\](javascript:alert(1))');
		expect(escapeMarkdown('![x](y)')).toBe('!\\[x\\](y)');
		expect(escapeMarkdown('\\<b>')).toBe('\\\\\\<b>');
	});

	it('escapes block markers only at the start of a line', () => {
		expect(escapeMarkdown('# h')).toBe('\\# h');
		expect(escapeMarkdown('1. item')).toBe('1\\. item');
		expect(escapeMarkdown('> quote\n- list\n---\n```\n    code')).toBe('\\> quote  \n\\- list  \n\\---  \n\\```  \ncode');
		expect(escapeMarkdown('Punkt 1. und # drei')).toBe('Punkt 1. und # drei');
		expect(escapeMarkdown('#hashtag\n-2 Grad\n*wichtig*\n2.5 Liter')).toBe('#hashtag  \n-2 Grad  \n*wichtig*  \n2.5 Liter');
		expect(escapeMarkdown('Titel\n===\n* * *\n+ plus\n~~~')).toBe('Titel  \n\\===  \n\\* * *  \n\\+ plus  \n\\~~~');
	});

	it('keeps line breaks inside one card as hard breaks', () => {
		expect(escapeMarkdown('one\ntwo')).toBe('one  \ntwo');
	});

	it('puts a card on one line for headings and the ranking, escaping only what the joined line needs', () => {
		expect(escapeMarkdownLine('Kletterwand\n- mit Matten\n- ab 12')).toBe('Kletterwand - mit Matten - ab 12');
		expect(escapeMarkdownLine('# Titel\nzwei')).toBe('\\# Titel zwei');
	});
});

describe('exportMarkdown', () => {
	it('lists the board by column with clusters, their cards and the ranking, saying what each number counts', () => {
		const md = exportMarkdown(model(), EN);
		expect(md).toContain('# Retro: Sprint 12');
		expect(md).toContain('Code ABCD-EFG · Phase: Discuss · exported on November 25, 2026 at 12:00 PM UTC');
		const ideas = md.indexOf('## Ideas');
		const discuss = md.indexOf('## Discuss');
		const decided = md.indexOf('## Decided');
		expect(ideas).toBeGreaterThan(-1);
		expect(ideas).toBeLessThan(discuss);
		expect(discuss).toBeLessThan(decided);
		expect(md).toContain('### Group “Meetings” (4 votes, 2 cards)');
		expect(md).toContain('- More pairing (Swift Otter 42; Lane: Team A): 3 votes');
		expect(md).toContain('- Shorter standups (Calm Fox 17)\n');
		expect(md).toContain('- Ship on Fridays (Bold Lynx 33): 1 vote\n');
		expect(md.indexOf('- Ship on Fridays')).toBeGreaterThan(decided);
		expect(md).toContain('## Ranking by votes\n\n1. Group “Meetings”: 4 votes\n2. More pairing: 3 votes\n3. Ship on Fridays: 1 vote\n');
	});

	it('is in German for a German workshop', () => {
		const md = exportMarkdown(model({ locale: 'de' }), DE);
		expect(md).toContain('Code ABCD-EFG · Phase: Besprechen · exportiert am 25. November 2026 um 13:00 MEZ');
		expect(md).toContain('### Gruppe „Meetings“ (4 Stimmen, 2 Karten)');
		expect(md).toContain('- More pairing (Swift Otter 42; Bahn: Team A): 3 Stimmen');
		expect(md).toContain('- Ship on Fridays (Bold Lynx 33): 1 Stimme\n');
		expect(md).toContain('## Rangliste nach Stimmen\n\n1. Gruppe „Meetings“: 4 Stimmen');
	});

	it('reads as plain text: no entities and no escapes in ordinary card text', () => {
		const md = exportMarkdown(model({ cards: [card({ id: 'k1', text: 'Sport & Spiel (draußen)!' })], tally: { k1: 2 } }), DE);
		expect(md).toContain('- Sport & Spiel (draußen)! (Swift Otter 42): 2 Stimmen');
		expect(md).not.toContain('&amp;');
		expect(md).not.toMatch(/\\[!().&-]/);
	});

	it('lists each card exactly once, even when two columns share a title', () => {
		expect(
			['More pairing', 'Shorter standups', 'Daily sync', 'Ship on Fridays'].map((t) => exportMarkdown(model(), EN).split(`- ${t}`).length - 1)
		).toEqual([1, 1, 1, 1]);
		const board = makeBoard({
			columns: [
				{ id: 'c1', title: 'Ideas', wipLimit: null },
				{ id: 'c2', title: 'Ideas', wipLimit: null }
			]
		});
		const e = buildExport({
			workshop: { title: 'Retro', code: 'ABCDEFG', locale: 'en' },
			board,
			cards: [card({ id: 'k1', text: 'Left', columnId: 'c1' }), card({ id: 'k2', text: 'Right', columnId: 'c2' })],
			clusters: [],
			tally: {},
			now: NOW
		});
		const md = exportMarkdown(e, EN);
		expect(md.split('- Left').length - 1).toBe(1);
		expect(md.split('- Right').length - 1).toBe(1);
	});

	it('leaves the ranking out when nobody voted', () => {
		expect(exportMarkdown(model({ tally: {} }), EN)).not.toContain('## Ranking');
	});

	it('keeps a hostile card inert: no tag, link, entity or heading survives unescaped', () => {
		const hostile = '<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) &lt;b&gt;\n# heading\n<svg onload=alert(4)>';
		const md = exportMarkdown(model({ cards: [card({ id: 'k1', text: hostile, authorName: '<b>Eve</b>' })], tally: { k1: 1 } }), EN);
		expect(unescaped(md, /<[A-Za-z/!?]/)).toEqual([]);
		expect(unescaped(md, /\[/)).toEqual([]);
		expect(unescaped(md, /&#?[A-Za-z0-9]+;/)).toEqual([]);
		expect(md).not.toMatch(/^\s*# heading/m);
		expect(md).toContain('\\<script>alert(1)\\</script>');
		expect(md).toContain('(\\<b>Eve\\</b>)');
	});

	it('escapes titles of the workshop, board, columns and clusters', () => {
		const board = makeBoard({ title: '<i>B</i>', columns: [{ id: 'c1', title: '# Col *1*', wipLimit: null }] });
		const md = exportMarkdown(
			buildExport({
				workshop: { title: '[W](http://x)', code: 'ABCDEFG', locale: 'en' },
				board,
				cards: [card({ id: 'k1', text: 'x', clusterId: 'g1' })],
				clusters: [{ id: 'g1', title: '<u>G</u>', columnId: 'c1', createdAt: NOW }],
				tally: {},
				now: NOW
			}),
			EN
		);
		expect(md).toContain('# \\[W\\](http://x): \\<i>B\\</i>');
		expect(md).toContain('## \\# Col *1*');
		expect(md).toContain('### Group “\\<u>G\\</u>” (0 votes, 1 card)');
	});

	it('does not show hidden or pending cards as ordinary cards, and says how many it leaves out', () => {
		const md = exportMarkdown(
			model({
				cards: [
					card({ id: 'k1', text: 'Shown' }),
					card({ id: 'k2', text: 'Moderated away', status: 'hidden' }),
					card({ id: 'k3', text: 'Awaiting approval', status: 'pending' })
				],
				tally: {}
			}),
			DE
		);
		expect(md).toContain('- Shown');
		expect(md).not.toContain('Moderated away');
		expect(md).not.toContain('Awaiting approval');
		expect(md).toContain('2 ausgeblendete oder nicht freigegebene Karten stehen hier nicht');
	});
});

const TEXTS = ['Mehr Pausen', 'Sport & Spiel', 'Say "hi", then; go', 'Zeile eins\nZeile zwei', '=1+1', 'Café crème', '<b>fett</b>', 'Q&A', '1. Punkt', 'Ideen [alt]'];

function randomInput(next: () => number, locale: string): Input {
	const pick = <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
	const board = makeBoard({
		phase: pick(['collect', 'reveal', 'group', 'vote', 'discuss'] as const),
		lanes: [{ id: 'l1', title: 'Bahn A' }],
		settings: { anonymous: next() < 0.3 }
	});
	const clusters = Array.from({ length: Math.floor(next() * 4) }, (_, i) => ({ id: `g${i}`, title: `${pick(TEXTS)} ${i}`, columnId: pick(board.columns).id, createdAt: NOW - 1000 * i }));
	const cards = Array.from({ length: 1 + Math.floor(next() * 12) }, (_, i) => ({
		id: `k${i}`,
		text: `${pick(TEXTS)} #${i}`,
		authorName: pick(['Lina', 'Jonas', 'Zoë', 'Anouk']),
		columnId: pick(board.columns).id,
		laneId: next() < 0.3 ? 'l1' : null,
		clusterId: clusters.length && next() < 0.5 ? pick(clusters).id : null,
		status: pick(['visible', 'visible', 'visible', 'hidden', 'pending']),
		createdAt: NOW - Math.floor(next() * 86_400_000)
	}));
	const tally: Record<string, number> = {};
	for (const item of [...cards, ...clusters]) if (next() < 0.6) tally[item.id] = Math.floor(next() * 6);
	// Minutes on some items (also on hidden cards and with only white space: neither may appear).
	const minutes: Record<string, string> = {};
	for (const item of [...cards, ...clusters]) if (next() < 0.4) minutes[item.id] = next() < 0.2 ? '  \n ' : `${pick(TEXTS)}\n- ${pick(TEXTS)}`;
	return { workshop: { title: 'Jugendforum', code: 'ABCDEFG', locale }, board, cards, clusters, tally, minutes, now: NOW };
}

/** What a spreadsheet cell shows for a text (formulas defused with an apostrophe). */
const sheet = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const cells = (row: Record<string, string>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, sheet(v)]));

describe('every export carries the same facts', () => {
	it.each([
		['en', EN],
		['de', DE],
		['fr', FR]
	] as const)('CSV parsed back equals the JSON, and the Markdown names every visible card, cluster and place (%s)', (locale, words) => {
		const next = rng(locale.charCodeAt(0) * 977);
		for (let run = 0; run < 150; run++) {
			const input = randomInput(next, locale);
			const json: BoardExport = JSON.parse(exportJson(buildExport(input)));
			// Minutes: of the items the room votes on (groups, visible cards outside a group) with text, and only those.
			const discussed = [...input.clusters.map((c) => c.id), ...input.cards.filter((c) => c.status === 'visible' && !c.clusterId).map((c) => c.id)];
			const withText = discussed.filter((id) => (input.minutes![id] ?? '').trim() !== '');
			expect(json.minutes.map((m) => m.id).sort()).toEqual(withText.sort());
			for (const m of json.minutes) expect(m.text).toBe(input.minutes![m.id].trim());
			const h = words.headers;
			const records = csvRecords(json, words);
			// One row per cluster and per card, nothing else.
			expect(records).toHaveLength(json.clusters.length + json.cards.length);
			const byId = new Map(records.map((r) => [r[h.id], r]));
			const minutesOf = (id: string) => json.minutes.find((m) => m.id === id)?.text ?? '';
			for (const c of json.clusters) {
				expect(byId.get(c.id)).toEqual(cells({
					[h.kind]: words.kind.cluster,
					[h.id]: c.id,
					[h.text]: c.title,
					[h.author]: '',
					[h.column]: c.column,
					[h.lane]: '',
					[h.cluster]: '',
					[h.votes]: String(c.votes),
					[h.rank]: String(c.rank),
					[h.cards]: String(c.cards),
					[h.status]: '',
					[h.createdAt]: spreadsheetDate(c.createdAt, words),
					[h.minutes]: minutesOf(c.id)
				}));
			}
			for (const c of json.cards) {
				expect(byId.get(c.id)).toEqual(cells({
					[h.kind]: words.kind.card,
					[h.id]: c.id,
					[h.text]: c.text,
					[h.author]: c.author ?? '',
					[h.column]: c.column,
					[h.lane]: c.lane ?? '',
					[h.cluster]: c.cluster ?? '',
					[h.votes]: String(c.votes),
					[h.rank]: c.rank === null ? '' : String(c.rank),
					[h.cards]: '',
					[h.status]: words.status[c.status],
					[h.createdAt]: spreadsheetDate(c.createdAt, words),
					[h.minutes]: minutesOf(c.id)
				}));
			}
			// The ranking in the JSON is the ranks in the CSV.
			for (const r of json.ranking) expect(byId.get(r.id)![h.rank]).toBe(String(r.rank));

			const md = exportMarkdown(json, words);
			for (const c of json.cards.filter((k) => k.status === 'visible')) {
				const line = `- ${escapeMarkdown(c.text, '  \n  ')}`;
				// The card's own line: its text followed by its details or the end of the line (not "#1" inside "#10").
				const at = Math.min(...[`${line} (`, `${line}:`, `${line}\n`].map((l) => md.indexOf(l)).filter((i) => i >= 0));
				expect(at).toBeLessThan(Infinity);
				const rest = md.slice(at + line.length).split('\n')[0];
				if (c.author) expect(rest).toContain(c.author);
				if (c.votes > 0) expect(rest).toContain(words.votes(c.votes));
			}
			for (const c of json.clusters) {
				expect(md).toContain(`### ${words.clusterNamed(escapeMarkdownLine(c.title))} (${words.votes(c.votes)}, ${words.cards(c.cards)})`);
			}
			if (json.ranking.some((r) => r.votes > 0)) {
				for (const r of json.ranking) {
					const title = escapeMarkdownLine(r.title);
					expect(md).toContain(`${r.rank}. ${r.kind === 'cluster' ? words.clusterNamed(title) : title}: ${words.votes(r.votes)}`);
				}
			}
			if (json.minutes.length) expect(md).toContain(`## ${words.minutes}`);
			for (const m of json.minutes) expect(md).toContain(escapeMarkdown(m.text));
			const withheld = json.cards.filter((k) => k.status !== 'visible').length;
			if (withheld) expect(md).toContain(words.withheld(withheld));
		}
	});
});
