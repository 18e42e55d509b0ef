import type { Board, Phase } from './domain';
import { formatJoinCode } from '../../domain/join-code';
import { rankItems } from './votes';
import { csvDocument, csvSeparatorFor, escapeMarkdown, escapeMarkdownLine, spreadsheetDate, zoneOf } from '../../domain/export-text';
export { csvSeparatorFor, escapeMarkdown, escapeMarkdownLine, spreadsheetDate };

/** One card as it leaves the workshop in an export. */
export interface ExportCard {
	id: string;
	text: string;
	author: string | null;
	column: string;
	columnId: string;
	lane: string | null;
	cluster: string | null;
	clusterId: string | null;
	/** Votes on the card itself (a clustered card's votes go to its cluster). */
	votes: number;
	/** Place in the ranking; null for cards that are not ranked on their own (clustered, hidden, pending). */
	rank: number | null;
	status: string;
	createdAt: string;
}

/** One cluster (a titled group of cards) as it leaves the workshop. */
export interface ExportCluster {
	id: string;
	title: string;
	column: string;
	columnId: string;
	votes: number;
	rank: number;
	/** Visible cards in the cluster. */
	cards: number;
	createdAt: string;
}

/** One place in the ranking: clusters and unclustered visible cards by votes (equal votes share a place). */
export interface ExportRank {
	rank: number;
	kind: 'card' | 'cluster';
	id: string;
	title: string;
	votes: number;
}

/** The shared minutes of one discussed item (a cluster or a card), as plain text. */
export interface ExportMinutes {
	kind: 'card' | 'cluster';
	id: string;
	title: string;
	text: string;
}

/** Everything an export contains: plain data, already stripped of what the room may not see. */
export interface BoardExport {
	workshop: { title: string; code: string; locale: string; exportedAt: string };
	board: { title: string; phase: Board['phase']; columns: string[]; columnIds: string[]; lanes: string[] };
	cards: ExportCard[];
	clusters: ExportCluster[];
	ranking: ExportRank[];
	/** Minutes with text, in the ranking's order (then the other items in the order they were made). */
	minutes: ExportMinutes[];
}

/** Builds the export model; authors are named only when the board is not anonymous. Times are ISO 8601 (UTC). */
export function buildExport(input: {
	workshop: { title: string; code: string; locale: string };
	board: Board;
	cards: { id: string; text: string; authorName: string; columnId: string; laneId: string | null; clusterId: string | null; status: string; createdAt: number }[];
	clusters: { id: string; title: string; columnId: string; createdAt: number }[];
	tally: Record<string, number>;
	/** Plain-text minutes per item (snapshots of the co-edited texts); items without text are left out. */
	minutes?: Record<string, string>;
	now: number;
}): BoardExport {
	const { board, tally } = input;
	const col = new Map(board.columns.map((c) => [c.id, c.title]));
	const lane = new Map(board.lanes.map((l) => [l.id, l.title]));
	const cl = new Map(input.clusters.map((c) => [c.id, c.title]));
	const items = [
		...input.clusters.map((c) => ({ id: c.id, kind: 'cluster' as const, title: c.title, createdAt: c.createdAt })),
		...input.cards.filter((c) => !c.clusterId && c.status === 'visible').map((c) => ({ id: c.id, kind: 'card' as const, title: c.text, createdAt: c.createdAt }))
	];
	const ranked = rankItems(items, tally);
	// Standard competition ranking (1, 2, 2, 4) from rankItems, as on every screen.
	const ranking = ranked.map(({ kind, id, title, votes, place }) => ({ rank: place, kind, id, title, votes }));
	const rankOf = new Map(ranking.map((r) => [r.id, r.rank]));
	const cards = input.cards.map((c) => ({
		id: c.id,
		text: c.text,
		author: board.settings.anonymous ? null : c.authorName,
		column: col.get(c.columnId) ?? '',
		columnId: c.columnId,
		lane: c.laneId ? (lane.get(c.laneId) ?? null) : null,
		cluster: c.clusterId ? (cl.get(c.clusterId) ?? null) : null,
		clusterId: c.clusterId,
		votes: tally[c.id] ?? 0,
		rank: rankOf.get(c.id) ?? null,
		status: c.status,
		createdAt: new Date(c.createdAt).toISOString()
	}));
	const clusters = input.clusters.map((c) => ({
		id: c.id,
		title: c.title,
		column: col.get(c.columnId) ?? '',
		columnId: c.columnId,
		votes: tally[c.id] ?? 0,
		rank: rankOf.get(c.id) ?? 0,
		cards: input.cards.filter((k) => k.clusterId === c.id && k.status === 'visible').length,
		createdAt: new Date(c.createdAt).toISOString()
	}));
	// Minutes of items the room may see: ranked ones in the ranking's order, then the others by age.
	const order = [...ranking.map((r) => r.id), ...[...items].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)).map((i) => i.id)];
	const byId = new Map(items.map((i) => [i.id, i]));
	const minutes = [...new Set(order)]
		.map((id) => ({ item: byId.get(id)!, text: (input.minutes?.[id] ?? '').trim() }))
		.filter((m) => m.text)
		.map(({ item, text }) => ({ kind: item.kind, id: item.id, title: item.title, text }));
	return {
		workshop: { ...input.workshop, exportedAt: new Date(input.now).toISOString() },
		board: { title: board.title, phase: board.phase, columns: board.columns.map((c) => c.title), columnIds: board.columns.map((c) => c.id), lanes: board.lanes.map((l) => l.title) },
		cards,
		clusters,
		ranking,
		minutes
	};
}

/**
 * The words and formats of the workshop's language for the exports people read (CSV, Markdown). The server fills
 * it from the messages; the domain only arranges them.
 */
export interface ExportWords {
	/** BCP 47 tag for dates (Intl). */
	locale: string;
	/** IANA time zone for dates; the server's own zone when absent. */
	timeZone?: string;
	headers: {
		kind: string;
		id: string;
		text: string;
		author: string;
		column: string;
		lane: string;
		cluster: string;
		votes: string;
		rank: string;
		cards: string;
		status: string;
		createdAt: string;
		minutes: string;
	};
	kind: { card: string; cluster: string };
	/** A cluster named in running text: Cluster „Title“ (the title comes in already escaped). */
	clusterNamed: (title: string) => string;
	status: Record<string, string>;
	phase: Record<Phase, string>;
	/** "4 votes", with the language's plural. */
	votes: (count: number) => string;
	/** "2 cards", with the language's plural. */
	cards: (count: number) => string;
	/** The line under the Markdown title: code, phase, date of the export. */
	meta: (p: { code: string; phase: string; date: string }) => string;
	/** Heading of the Markdown ranking. */
	ranking: string;
	/** Heading of the Markdown minutes. */
	minutes: string;
	/** Markdown note on cards that are not listed. */
	withheld: (count: number) => string;
}

/** A date and time for people to read ("25. November 2026 um 13:00 MEZ" in German). */
export function readableDate(iso: string, words: Pick<ExportWords, 'locale' | 'timeZone'>): string {
	return new Intl.DateTimeFormat(words.locale, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short', ...zoneOf(words) }).format(
		new Date(iso)
	);
}

/** JSON export, pretty-printed: the model as is (keys in English, ISO times), for programs. */
export function exportJson(e: BoardExport): string {
	return JSON.stringify(e, null, 2);
}

/**
 * CSV export for spreadsheets: a UTF-8 byte-order mark (so Excel reads umlauts), the language's separator, headers
 * and words in the workshop's language, one row per cluster and per card with the same facts as the JSON export.
 * A cell that a spreadsheet would read as a formula (= + - @, tab, CR) is prefixed with an apostrophe, so a card
 * cannot run code in the facilitator's spreadsheet.
 */
export function exportCsv(e: BoardExport, words: ExportWords, separator = csvSeparatorFor(words.locale)): string {
	const h = words.headers;
	const minutes = new Map(e.minutes.map((m) => [m.id, m.text]));
	const rows: (string | number | null)[][] = [[h.kind, h.id, h.text, h.author, h.column, h.lane, h.cluster, h.votes, h.rank, h.cards, h.status, h.createdAt, h.minutes]];
	for (const c of e.clusters) {
		rows.push([words.kind.cluster, c.id, c.title, null, c.column, null, null, c.votes, c.rank, c.cards, null, spreadsheetDate(c.createdAt, words), minutes.get(c.id) ?? null]);
	}
	for (const c of e.cards) {
		const status = words.status[c.status] ?? c.status;
		rows.push([words.kind.card, c.id, c.text, c.author, c.column, c.lane, c.cluster, c.votes, c.rank, null, status, spreadsheetDate(c.createdAt, words), minutes.get(c.id) ?? null]);
	}
	return csvDocument(rows, separator);
}

/**
 * Markdown export: the board by column, clusters with their cards, then the ranking, in the workshop's language.
 * It is the document a room reads afterwards, so cards a facilitator hid or never approved are counted at the end,
 * not listed (CSV and JSON keep them, with their status).
 */
export function exportMarkdown(e: BoardExport, words: ExportWords): string {
	const one = escapeMarkdownLine;
	const out: string[] = [
		`# ${one(e.workshop.title)}: ${one(e.board.title)}`,
		'',
		escapeMarkdown(words.meta({ code: formatJoinCode(e.workshop.code), phase: words.phase[e.board.phase], date: readableDate(e.workshop.exportedAt, words) })),
		''
	];
	const shown = e.cards.filter((c) => c.status === 'visible');
	e.board.columnIds.forEach((columnId, i) => {
		out.push(`## ${one(e.board.columns[i])}`, '');
		for (const cluster of e.clusters.filter((c) => c.columnId === columnId)) {
			out.push(`### ${words.clusterNamed(one(cluster.title))} (${words.votes(cluster.votes)}, ${words.cards(cluster.cards)})`, '');
			for (const c of shown.filter((k) => k.clusterId === cluster.id)) out.push(`- ${line(c)}`);
			out.push('');
		}
		const loose = shown.filter((k) => k.columnId === columnId && !k.clusterId);
		for (const c of loose) out.push(`- ${line(c)}`);
		if (loose.length) out.push('');
	});
	const withheld = e.cards.length - shown.length;
	if (withheld > 0) out.push(escapeMarkdown(words.withheld(withheld)), '');
	if (e.ranking.some((r) => r.votes > 0)) {
		out.push(`## ${one(words.ranking)}`, '');
		for (const r of e.ranking) {
			const what = r.kind === 'cluster' ? words.clusterNamed(one(r.title)) : one(r.title);
			out.push(`${r.rank}. ${what}: ${words.votes(r.votes)}`);
		}
		out.push('');
	}
	if (e.minutes.length) {
		out.push(`## ${one(words.minutes)}`, '');
		for (const m of e.minutes) {
			out.push(`### ${m.kind === 'cluster' ? words.clusterNamed(one(m.title)) : one(m.title)}`, '', escapeMarkdown(m.text), '');
		}
	}
	return out.join('\n');

	function line(c: ExportCard) {
		const about = [c.author ? one(c.author) : null, c.lane ? `${words.headers.lane}: ${one(c.lane)}` : null].filter(Boolean);
		// A clustered card's votes go to its cluster; a card nobody voted for carries no count.
		const votes = c.votes > 0 ? `: ${words.votes(c.votes)}` : '';
		// Continuation lines are indented so that they stay inside the list item.
		return `${escapeMarkdown(c.text, '  \n  ')}${about.length ? ` (${about.join('; ')})` : ''}${votes}`;
	}
}
