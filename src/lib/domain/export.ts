import type { Board } from './board';
import { rankItems } from './votes';

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
	votes: number;
	status: string;
	createdAt: string;
}

export interface ExportCluster {
	id: string;
	title: string;
	column: string;
	columnId: string;
	votes: number;
	cards: number;
}

/** Everything an export contains: plain data, already stripped of what the room may not see. */
export interface BoardExport {
	workshop: { title: string; code: string; exportedAt: string };
	board: { title: string; phase: Board['phase']; columns: string[]; columnIds: string[]; lanes: string[] };
	cards: ExportCard[];
	clusters: ExportCluster[];
	ranking: { kind: 'card' | 'cluster'; title: string; votes: number }[];
}

/** Builds the export model; authors are named only when the board is not anonymous. */
export function buildExport(input: {
	workshop: { title: string; code: string };
	board: Board;
	cards: { id: string; text: string; authorName: string; columnId: string; laneId: string | null; clusterId: string | null; status: string; createdAt: number }[];
	clusters: { id: string; title: string; columnId: string; createdAt: number }[];
	tally: Record<string, number>;
	now: number;
}): BoardExport {
	const { board, tally } = input;
	const col = new Map(board.columns.map((c) => [c.id, c.title]));
	const lane = new Map(board.lanes.map((l) => [l.id, l.title]));
	const cl = new Map(input.clusters.map((c) => [c.id, c.title]));
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
		status: c.status,
		createdAt: new Date(c.createdAt).toISOString()
	}));
	const clusters = input.clusters.map((c) => ({
		id: c.id,
		title: c.title,
		column: col.get(c.columnId) ?? '',
		columnId: c.columnId,
		votes: tally[c.id] ?? 0,
		cards: input.cards.filter((k) => k.clusterId === c.id && k.status === 'visible').length
	}));
	const items = [
		...input.clusters.map((c) => ({ id: c.id, kind: 'cluster' as const, title: c.title, createdAt: c.createdAt })),
		...input.cards.filter((c) => !c.clusterId && c.status === 'visible').map((c) => ({ id: c.id, kind: 'card' as const, title: c.text, createdAt: c.createdAt }))
	];
	const ranking = rankItems(items, tally).map(({ kind, title, votes }) => ({ kind, title, votes }));
	return {
		workshop: { ...input.workshop, exportedAt: new Date(input.now).toISOString() },
		board: { title: board.title, phase: board.phase, columns: board.columns.map((c) => c.title), columnIds: board.columns.map((c) => c.id), lanes: board.lanes.map((l) => l.title) },
		cards,
		clusters,
		ranking
	};
}

/** JSON export, pretty-printed. */
export function exportJson(e: BoardExport): string {
	return JSON.stringify(e, null, 2);
}

/**
 * CSV export (RFC 4180). A cell that a spreadsheet would read as a formula (= + - @, tab, CR) is prefixed with an
 * apostrophe, so a card cannot run code in the facilitator's spreadsheet.
 */
export function exportCsv(e: BoardExport): string {
	const cell = (v: string | number | null) => {
		let s = v === null ? '' : String(v);
		if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
		return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	const rows = [['id', 'text', 'author', 'column', 'lane', 'cluster', 'votes', 'status', 'created_at']];
	for (const c of e.cards) rows.push([c.id, c.text, c.author ?? '', c.column, c.lane ?? '', c.cluster ?? '', String(c.votes), c.status, c.createdAt]);
	return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Escapes text for Markdown so that card text stays text: no HTML, no links, no emphasis. */
export function escapeMarkdown(s: string): string {
	return s
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/([\\`*_{}[\]()#+\-.!|~])/g, '\\$1')
		.replace(/\n/g, '  \n');
}

/**
 * Markdown export: the board by column, clusters with their cards, then the ranking. It is the document a room
 * reads afterwards, so cards a facilitator hid or never approved are counted at the end, not listed
 * (CSV and JSON keep them, with their status).
 */
export function exportMarkdown(e: BoardExport): string {
	const md = escapeMarkdown;
	const out: string[] = [`# ${md(e.workshop.title)}: ${md(e.board.title)}`, '', `Exported ${e.workshop.exportedAt}`, ''];
	const shown = e.cards.filter((c) => c.status === 'visible');
	e.board.columnIds.forEach((columnId, i) => {
		out.push(`## ${md(e.board.columns[i])}`, '');
		const inColumn = shown.filter((c) => c.columnId === columnId);
		for (const cluster of e.clusters.filter((c) => c.columnId === columnId)) {
			out.push(`### ${md(cluster.title)} (${cluster.votes})`, '');
			for (const c of shown.filter((k) => k.clusterId === cluster.id)) out.push(`- ${line(c)}`);
			out.push('');
		}
		for (const c of inColumn.filter((k) => !k.clusterId)) out.push(`- ${line(c)}`);
		out.push('');
	});
	const withheld = e.cards.length - shown.length;
	if (withheld > 0) out.push(`_${withheld} hidden or unapproved card(s) not listed; see the CSV or JSON export._`, '');
	if (e.ranking.some((r) => r.votes > 0)) {
		out.push('## Ranking', '', '| # | Item | Votes |', '|---|---|---|');
		e.ranking.forEach((r, i) => out.push(`| ${i + 1} | ${md(r.title.replace(/\n/g, " "))} | ${r.votes} |`));
		out.push('');
	}
	return out.join('\n');

	function line(c: ExportCard) {
		const who = c.author ? ` (${md(c.author)})` : '';
		const lane = c.lane ? ` [${md(c.lane)}]` : '';
		return `${md(c.text).replace(/  \n\s*(  \n)+/g, '  \n')}${who}${lane}${c.votes ? `: ${c.votes} votes` : ''}`;
	}
}
