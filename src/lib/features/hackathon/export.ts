import { csvSeparatorFor, defuseFormula, escapeMarkdown, escapeMarkdownLine, spreadsheetDate, zoneOf } from '../../domain/export-text';
import { beforeDeadline, type Criterion, type Stage } from './domain';
import { rankTeams, type JuryScore } from './ranking';
export { csvSeparatorFor, defuseFormula, escapeMarkdown, escapeMarkdownLine, spreadsheetDate } from '../../domain/export-text';

/**
 * The hackathon's exports for the facilitator (issue 15, facilitator 7): teams, members' nicknames, challenge, stage,
 * the submission (and whether it was before the deadline), the project's title, links and text, the jury ranking
 * with its method and tie rule, every juror's score per criterion, their comments, the audience votes and the
 * awards, as Markdown, CSV and JSON. Pure: `buildHackExport` makes one model of what the server read, and
 * `renderHackExport` writes it with the words of the workshop's language (`server/features/hackathon/export-words.ts`
 * fills them from the messages). These are the facilitator's data: they name every member and every juror.
 */

/** What the server reads for an export (ids as in the room's documents; times epoch ms). */
export interface HackExportInput {
	title: string;
	locale: string;
	timeZone?: string;
	now: number;
	deadline: number | null;
	criteria: Criterion[];
	stages: Stage[];
	challenges: { id: string; title: string; partner: string }[];
	teams: {
		id: string;
		name: string;
		challengeId: string | null;
		members: string[];
		stageId: string;
		submittedAt: number | null;
		project: { title: string; codeUrl: string; videoUrl: string };
		text: string;
	}[];
	jurors: { id: string; name: string }[];
	scores: JuryScore[];
	comments: { jurorId: string; teamId: string; comment: string }[];
	/** Audience votes per team id; `$voters` (when present) is how many people voted. */
	votes: Record<string, number>;
	awards: { teamId: string; kind: 'jury' | 'audience'; place?: number }[];
}

export type HackAward = { kind: 'jury' | 'audience'; place?: number };

/** One team and its project as it leaves the workshop. */
export interface HackExportTeam {
	id: string;
	name: string;
	challengeId: string | null;
	/** The challenge's title and partner; null when the team has none (or it was deleted). */
	challenge: string | null;
	partner: string | null;
	/** Members' nicknames, in joining order. */
	members: string[];
	stageId: string;
	/** The stage's name and its position (1 is the first stage); null when the stage is not (any more) in the hackathon. */
	stage: string | null;
	stageIndex: number | null;
	/** ISO 8601 (UTC), or null when not submitted. */
	submittedAt: string | null;
	/** Submitted before the deadline (any time when there is none); null when not submitted. */
	onTime: boolean | null;
	project: { title: string; codeUrl: string; videoUrl: string };
	/** The project page's text (line breaks as `\n`, no white space around it). */
	text: string;
	/** The team's place in the jury ranking (null: not ranked, see `buildHackExport`) and its scores. */
	jury: { place: number | null; normalised: number | null; raw: number | null; jurors: number; perCriterion: Record<string, number> };
	/** Audience votes for the team. */
	votes: number;
	awards: HackAward[];
}

/** One place of the jury ranking. */
export interface HackRank {
	place: number;
	teamId: string;
	team: string;
	normalised: number | null;
	raw: number | null;
	jurors: number;
	perCriterion: Record<string, number>;
}

/** The export's model (and the JSON's shape, version 1): English keys, ISO 8601 times in UTC. */
export interface HackExport {
	version: 1;
	exportedAt: string;
	title: string;
	locale: string;
	deadline: string | null;
	criteria: Criterion[];
	stages: Stage[];
	challenges: { id: string; title: string; partner: string }[];
	jurors: { id: string; name: string }[];
	/** Ranked teams by place, then the others in the order they came. */
	teams: HackExportTeam[];
	ranking: { method: string; tieRule: string; places: HackRank[] };
	/** Every score of a known juror for a known team and criterion: by team (in `teams` order), juror, criterion. */
	scores: { teamId: string; team: string; jurorId: string; juror: string; criterionId: string; criterion: string; weight: number; value: number }[];
	/** Non-empty comments, in the same order. */
	comments: { teamId: string; team: string; jurorId: string; juror: string; comment: string }[];
	/** How many people voted (null when the tally does not say), and the votes per team in `teams` order. */
	audience: { voters: number | null; votes: { teamId: string; team: string; votes: number }[] };
	awards: { teamId: string; team: string; kind: 'jury' | 'audience'; place?: number }[];
}

/** How the ranking is computed and ties broken, as the JSON states it (the other formats say it in the workshop's language). */
export const RANKING_METHOD =
	'Per juror: the weighted average of their scores for each team (weights of the criteria), then z = (average - the juror’s mean over the teams they scored) / the juror’s standard deviation (0 when they gave every team the same); a team’s score is the mean z over the jurors who scored it. Teams nobody scored come last.';
export const RANKING_TIE_RULE = 'Equal normalised scores: the higher average raw score goes first; still equal, the teams share the place (1, 2, 2, 4).';

const iso = (ms: number) => new Date(ms).toISOString();
/** Line breaks of any kind as `\n`, without white space around the text. */
const cleanText = (s: string) => s.replace(/\r\n?/g, '\n').trim();

/**
 * Builds the export's model. The jury ranking (`rankTeams`, normalised per juror) covers the teams that submitted or
 * that a juror scored; the other teams are not ranked (place null). Scores and comments of jurors, teams or criteria
 * that are not in the input are left out (and out of the ranking).
 */
export function buildHackExport(input: HackExportInput): HackExport {
	const challenge = new Map(input.challenges.map((c) => [c.id, c]));
	const stageAt = new Map(input.stages.map((s, i) => [s.id, i]));
	const juror = new Map(input.jurors.map((j) => [j.id, j]));
	const criterion = new Map(input.criteria.map((c) => [c.id, c]));
	const teamIds = new Set(input.teams.map((t) => t.id));
	const known = <T extends { jurorId: string; teamId: string }>(x: T) => juror.has(x.jurorId) && teamIds.has(x.teamId);
	const scores = input.scores.filter((s) => known(s) && criterion.has(s.criterionId));
	const scored = new Set(scores.map((s) => s.teamId));
	const rankable = input.teams.filter((t) => t.submittedAt !== null || scored.has(t.id)).map((t) => t.id);
	const ranked = new Map(rankTeams(rankable, input.criteria, scores).map((r) => [r.teamId, r]));
	const inputOrder = new Map(input.teams.map((t, i) => [t.id, i]));
	const place = (id: string) => ranked.get(id)?.place ?? Infinity;
	const ordered = [...input.teams].sort((a, b) => place(a.id) - place(b.id) || inputOrder.get(a.id)! - inputOrder.get(b.id)!);
	const votes = (id: string) => {
		const v = input.votes[id];
		return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0;
	};
	const awardsOf = (id: string) =>
		input.awards.filter((a) => a.teamId === id).map((a): HackAward => (a.kind === 'jury' && a.place !== undefined ? { kind: a.kind, place: a.place } : { kind: a.kind }));
	const teams: HackExportTeam[] = ordered.map((t) => {
		const c = t.challengeId !== null ? challenge.get(t.challengeId) : undefined;
		const at = stageAt.get(t.stageId);
		const r = ranked.get(t.id);
		return {
			id: t.id,
			name: t.name,
			challengeId: t.challengeId,
			challenge: c ? c.title : null,
			partner: c ? c.partner : null,
			members: [...t.members],
			stageId: t.stageId,
			stage: at !== undefined ? input.stages[at].name : null,
			stageIndex: at !== undefined ? at + 1 : null,
			submittedAt: t.submittedAt === null ? null : iso(t.submittedAt),
			onTime: t.submittedAt === null ? null : beforeDeadline(input.deadline, t.submittedAt),
			project: { title: t.project.title, codeUrl: t.project.codeUrl, videoUrl: t.project.videoUrl },
			text: cleanText(t.text),
			jury: r
				? { place: r.place, normalised: r.normalised, raw: r.raw, jurors: r.jurors, perCriterion: { ...r.perCriterion } }
				: { place: null, normalised: null, raw: null, jurors: 0, perCriterion: {} },
			votes: votes(t.id),
			awards: awardsOf(t.id)
		};
	});
	const teamAt = new Map(teams.map((t, i) => [t.id, i]));
	const jurorAt = new Map(input.jurors.map((j, i) => [j.id, i]));
	const criterionAt = new Map(input.criteria.map((c, i) => [c.id, i]));
	const name = (id: string) => teams[teamAt.get(id)!].name;
	const byTeamJuror = (a: { teamId: string; jurorId: string }, b: { teamId: string; jurorId: string }) =>
		teamAt.get(a.teamId)! - teamAt.get(b.teamId)! || jurorAt.get(a.jurorId)! - jurorAt.get(b.jurorId)!;
	const voters = input.votes.$voters;
	return {
		version: 1,
		exportedAt: iso(input.now),
		title: input.title,
		locale: input.locale,
		deadline: input.deadline === null ? null : iso(input.deadline),
		criteria: input.criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight })),
		stages: input.stages.map((s) => ({ id: s.id, name: s.name, checklist: [...s.checklist] })),
		challenges: input.challenges.map((c) => ({ id: c.id, title: c.title, partner: c.partner })),
		jurors: input.jurors.map((j) => ({ id: j.id, name: j.name })),
		teams,
		ranking: {
			method: RANKING_METHOD,
			tieRule: RANKING_TIE_RULE,
			places: teams
				.filter((t) => t.jury.place !== null)
				.map((t) => ({ place: t.jury.place!, teamId: t.id, team: t.name, normalised: t.jury.normalised, raw: t.jury.raw, jurors: t.jury.jurors, perCriterion: { ...t.jury.perCriterion } }))
		},
		scores: [...scores]
			.sort((a, b) => byTeamJuror(a, b) || criterionAt.get(a.criterionId)! - criterionAt.get(b.criterionId)!)
			.map((s) => {
				const c = criterion.get(s.criterionId)!;
				return { teamId: s.teamId, team: name(s.teamId), jurorId: s.jurorId, juror: juror.get(s.jurorId)!.name, criterionId: c.id, criterion: c.name, weight: c.weight, value: s.value };
			}),
		comments: input.comments
			.filter((c) => known(c) && cleanText(c.comment) !== '')
			.sort(byTeamJuror)
			.map((c) => ({ teamId: c.teamId, team: name(c.teamId), jurorId: c.jurorId, juror: juror.get(c.jurorId)!.name, comment: cleanText(c.comment) })),
		audience: {
			voters: typeof voters === 'number' && Number.isFinite(voters) ? voters : null,
			votes: teams.map((t) => ({ teamId: t.id, team: t.name, votes: t.votes }))
		},
		awards: teams.flatMap((t) => t.awards.map((a) => ({ teamId: t.id, team: t.name, ...a })))
	};
}

/**
 * The words and formats of the workshop's language for the exports people read (CSV, Markdown). The server fills it
 * from the messages (`hackExportWords(locale, timeZone)`); the functions here only arrange them.
 */
export interface HackExportWords {
	/** BCP 47 tag for dates and numbers (Intl). */
	locale: string;
	/** IANA time zone for dates; the server's own zone when absent. */
	timeZone?: string;
	headers: {
		kind: string;
		id: string;
		team: string;
		challenge: string;
		partner: string;
		members: string;
		stage: string;
		submitted: string;
		onTime: string;
		project: string;
		code: string;
		video: string;
		text: string;
		place: string;
		score: string;
		raw: string;
		jurors: string;
		votes: string;
		awards: string;
		juror: string;
		criterion: string;
		weight: string;
		value: string;
		comment: string;
	};
	/** The CSV's row kinds. */
	kind: { method: string; team: string; score: string; comment: string };
	yes: string;
	no: string;
	/** How the ranking normalises per juror, and how it breaks ties (text.ts: rankingMethod, tieRule). */
	method: string;
	tieRule: string;
	/** "Exported on …", "Deadline: …", "No deadline". */
	meta: (date: string) => string;
	deadline: (date: string) => string;
	noDeadline: string;
	/** Markdown headings and empty states. */
	criteria: string;
	ranking: string;
	noRanking: string;
	audience: string;
	noVotes: string;
	awards: string;
	noAwards: string;
	teams: string;
	noTeams: string;
	scores: string;
	comments: string;
	/** "Idea (weight 2)". */
	weighted: (name: string, weight: number) => string;
	/** "normalised +0.53, average 4.20, 3 jurors" (numbers already formatted). */
	ranked: (p: { score: string; raw: string; jurors: number }) => string;
	notScored: string;
	noChallenge: string;
	notSubmitted: string;
	/** A submission's date with "before/after the deadline". */
	onTimeAt: (date: string) => string;
	lateAt: (date: string) => string;
	votes: (n: number) => string;
	voters: (n: number) => string;
	/** "Jury prize, place 1" / "Jury prize" / "Audience award". */
	award: (a: HackAward) => string;
	/** "Challenge: X" (the label and the value come in as they are, escaped where the format needs it). */
	field: (label: string, value: string) => string;
}

/** A number for a spreadsheet in this language: up to three decimals, the language's decimal mark, no grouping. */
export function sheetNumber(n: number, locale: string): string {
	return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 3 }).format(n);
}

/** A number for people to read: two decimals; `signed` puts + before a positive one (normalised scores). */
export function readableNumber(n: number, locale: string, signed = false): string {
	return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: signed ? 'exceptZero' : 'auto' }).format(n);
}

/** A date and time for people to read ("25. November 2026 um 13:00 MEZ" in German). */
function readableDate(ms: number | string, words: Pick<HackExportWords, 'locale' | 'timeZone'>): string {
	return new Intl.DateTimeFormat(words.locale, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short', ...zoneOf(words) })
		.format(new Date(ms))
		.replace(/[\u00A0\u2009\u202F]/g, ' ');
}

// ---------------------------------------------------------------------------------------------------------------
// CSV

/** A cell: numbers as the language writes them (never defused: a negative score stays a number), text defused. */
type Cell = string | { num: number } | null;

function csvText(rows: Cell[][], separator: string, locale: string): string {
	const cell = (v: Cell) => {
		const s = v === null ? '' : typeof v === 'object' ? sheetNumber(v.num, locale) : defuseFormula(v);
		return s.includes(separator) || /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	return '\uFEFF' + rows.map((r) => r.map(cell).join(separator)).join('\r\n') + '\r\n';
}

const num = (n: number | null): Cell => (n === null ? null : { num: n });

type Column = keyof HackExportWords['headers'];
/** The CSV's columns, in order. */
const COLUMNS: Column[] = ['kind', 'id', 'team', 'challenge', 'partner', 'members', 'stage', 'submitted', 'onTime', 'project', 'code', 'video', 'text', 'place', 'score', 'raw', 'jurors', 'votes', 'awards', 'juror', 'criterion', 'weight', 'value', 'comment'];

/**
 * CSV for spreadsheets: a UTF-8 byte-order mark, the language's separator (`;` for German and French), CRLF rows,
 * RFC 4180 quoting, headers and words in the workshop's language, every text cell defused against formulas. One
 * table with a kind column, to filter: first the ranking's method and tie rule (in the text column), then a row
 * per team (in the ranking's order), a row per score (juror, criterion, weight, value) and a row per comment.
 */
function renderCsv(model: HackExport, words: HackExportWords, separator = csvSeparatorFor(words.locale)): string {
	const row = (over: Partial<Record<Column, Cell>>): Cell[] => COLUMNS.map((k) => over[k] ?? null);
	const rows: Cell[][] = [COLUMNS.map((k) => words.headers[k]), row({ kind: words.kind.method, text: `${words.method} ${words.tieRule}` })];
	for (const t of model.teams) {
		rows.push(
			row({
				kind: words.kind.team,
				id: t.id,
				team: t.name,
				challenge: t.challenge,
				partner: t.partner,
				members: t.members.join(', '),
				stage: t.stage,
				submitted: t.submittedAt === null ? null : spreadsheetDate(t.submittedAt, words),
				onTime: t.onTime === null ? null : t.onTime ? words.yes : words.no,
				project: t.project.title,
				code: t.project.codeUrl,
				video: t.project.videoUrl,
				text: t.text,
				place: num(t.jury.place),
				score: num(t.jury.normalised),
				raw: num(t.jury.raw),
				jurors: num(t.jury.place === null ? null : t.jury.jurors),
				votes: num(t.votes),
				awards: t.awards.map(words.award).join(', ')
			})
		);
	}
	for (const s of model.scores) rows.push(row({ kind: words.kind.score, id: s.teamId, team: s.team, juror: s.juror, criterion: s.criterion, weight: num(s.weight), value: num(s.value) }));
	for (const c of model.comments) rows.push(row({ kind: words.kind.comment, id: c.teamId, team: c.team, juror: c.juror, comment: c.comment }));
	return csvText(rows, separator, words.locale);
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown

/**
 * A fenced code block that holds `text` verbatim: the fence is longer than any run of backticks inside (at least
 * three), so nothing in the text is read as Markdown or closes the block.
 */
export function fenceBlock(text: string, info = 'text'): string {
	const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
	const fence = '`'.repeat(Math.max(3, longest + 1));
	return `${fence}${info}\n${text}\n${fence}`;
}

/** A table cell: one line, escaped, with its pipes escaped too (so they cannot end the cell). */
export const tableCell = (s: string) => escapeMarkdownLine(s).replace(/\|/g, '\\|');

/** A link as an autolink when it is one (an http(s) URL without spaces or angle brackets), else as escaped text. */
export const mdLink = (url: string) => (/^https?:\/\/[^\s<>]+$/i.test(url) ? `<${url}>` : escapeMarkdownLine(url));

/**
 * Markdown, the document to read and keep: the title with the export's date and the deadline, the rubric, the jury
 * ranking with its method and tie rule, the audience vote, the awards, then each team: challenge, members, stage,
 * submission, project and links, its jury scores as a table (a row per juror, a column per criterion) and the
 * comments, and the project page's text verbatim in a fenced block. Everything typed is escaped.
 */
function renderMarkdown(model: HackExport, words: HackExportWords): string {
	const one = escapeMarkdownLine;
	const n = (x: number, signed = false) => readableNumber(x, words.locale, signed);
	// A line "- Label: value" escaped as a whole (a value is not at the start of a line); a link goes in as it is.
	const field = (label: string, value: string) => `- ${one(words.field(label, value))}`;
	const linkField = (label: string, url: string) => `- ${words.field(one(label), mdLink(url))}`;
	const out: string[] = [`# ${one(model.title)}`, ''];
	out.push(escapeMarkdown(words.meta(readableDate(model.exportedAt, words))) + '  ');
	out.push(escapeMarkdown(model.deadline === null ? words.noDeadline : words.deadline(readableDate(model.deadline, words))), '');
	if (model.criteria.length) {
		out.push(`## ${one(words.criteria)}`, '');
		for (const c of model.criteria) out.push(`- ${words.weighted(one(c.name), c.weight)}`);
		out.push('');
	}
	out.push(`## ${one(words.ranking)}`, '', escapeMarkdown(`${words.method} ${words.tieRule}`), '');
	if (!model.ranking.places.length) out.push(escapeMarkdown(words.noRanking), '');
	else {
		for (const r of model.ranking.places) {
			const how = r.normalised === null || r.raw === null ? words.notScored : words.ranked({ score: n(r.normalised, true), raw: n(r.raw), jurors: r.jurors });
			out.push(`${r.place}\\. ${one(words.field(r.team, how))}  `);
		}
		out[out.length - 1] = out[out.length - 1].trimEnd();
		out.push('');
	}
	out.push(`## ${one(words.audience)}`, '');
	const withVotes = model.audience.votes.filter((v) => v.votes > 0).sort((a, b) => b.votes - a.votes);
	if (model.audience.voters !== null) out.push(escapeMarkdown(words.voters(model.audience.voters)), '');
	if (!withVotes.length) out.push(escapeMarkdown(words.noVotes), '');
	else {
		for (const v of withVotes) out.push(`- ${one(words.field(v.team, words.votes(v.votes)))}`);
		out.push('');
	}
	out.push(`## ${one(words.awards)}`, '');
	if (!model.awards.length) out.push(escapeMarkdown(words.noAwards), '');
	else {
		for (const a of model.awards) out.push(`- ${one(words.field(words.award(a), a.team))}`);
		out.push('');
	}
	out.push(`## ${one(words.teams)}`, '');
	if (!model.teams.length) out.push(escapeMarkdown(words.noTeams), '');
	const h = words.headers;
	for (const t of model.teams) {
		out.push(`### ${one(t.name)}`, '');
		out.push(field(h.challenge, t.challenge === null ? words.noChallenge : t.partner ? `${t.challenge} (${t.partner})` : t.challenge));
		if (t.members.length) out.push(field(h.members, t.members.join(', ')));
		if (t.stage !== null) out.push(field(h.stage, t.stage));
		const when = t.submittedAt === null ? words.notSubmitted : (t.onTime ? words.onTimeAt : words.lateAt)(readableDate(t.submittedAt, words));
		out.push(field(h.submitted, when));
		if (t.project.title.trim()) out.push(field(h.project, t.project.title));
		if (t.project.codeUrl) out.push(linkField(h.code, t.project.codeUrl));
		if (t.project.videoUrl) out.push(linkField(h.video, t.project.videoUrl));
		if (t.jury.place !== null) {
			const how = t.jury.normalised === null || t.jury.raw === null ? words.notScored : words.ranked({ score: n(t.jury.normalised, true), raw: n(t.jury.raw), jurors: t.jury.jurors });
			out.push(field(h.place, `${t.jury.place} (${how})`));
		}
		out.push(field(h.votes, words.votes(t.votes)));
		if (t.awards.length) out.push(field(h.awards, t.awards.map(words.award).join(', ')));
		out.push('');
		const scores = model.scores.filter((s) => s.teamId === t.id);
		if (scores.length) {
			const jurors = model.jurors.filter((j) => scores.some((s) => s.jurorId === j.id));
			out.push(`#### ${one(words.scores)}`, '');
			out.push(`| ${tableCell(h.juror)} | ${model.criteria.map((c) => words.weighted(tableCell(c.name), c.weight)).join(' | ')} |`);
			out.push(`|---|${model.criteria.map(() => '---:').join('|')}|`);
			for (const j of jurors) {
				const cells = model.criteria.map((c) => {
					const s = scores.find((x) => x.jurorId === j.id && x.criterionId === c.id);
					return s ? String(s.value) : '–';
				});
				out.push(`| ${tableCell(j.name)} | ${cells.join(' | ')} |`);
			}
			out.push('');
		}
		const comments = model.comments.filter((c) => c.teamId === t.id);
		if (comments.length) {
			out.push(`#### ${one(words.comments)}`, '');
			for (const c of comments) out.push(`- ${escapeMarkdown(words.field(c.juror.replace(/\s*[\r\n]+\s*/g, ' '), c.comment), '  \n  ')}`);
			out.push('');
		}
		if (t.text) out.push(`#### ${one(h.text)}`, '', fenceBlock(t.text), '');
	}
	return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------

/** The export in one format: Markdown, CSV (for spreadsheets) or JSON (the model, pretty-printed, for programs). */
export function renderHackExport(model: HackExport, format: 'md' | 'csv' | 'json', words: HackExportWords): string {
	if (format === 'json') return JSON.stringify(model, null, 2) + '\n';
	if (format === 'csv') return renderCsv(model, words);
	return renderMarkdown(model, words);
}
