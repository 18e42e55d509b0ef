import { Parser, type Node } from 'commonmark';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
	buildHackExport,
	csvSeparatorFor,
	escapeMarkdownLine,
	renderHackExport,
	sheetNumber,
	spreadsheetDate,
	type HackExport,
	type HackExportInput,
	type HackExportWords
} from '$lib/features/hackathon/export';
import * as ranking from '$lib/features/hackathon/ranking';
import type { RankedTeam } from '$lib/features/hackathon/ranking';
import { mulberry32 as rng } from '$lib/domain/random';
import { hackExportWords, renderFor } from '../../server/features/hackathon/export-words';
import { parseCsv } from './csv-reader';

// The ranking's body is hk-algo's: the tests read whatever it returns, and one test hands the export a ranking with
// negative and fractional scores through this wrapper.
vi.mock(import('$lib/features/hackathon/ranking'), async (original) => {
	const real = await original();
	return { ...real, rankTeams: vi.fn(real.rankTeams) };
});

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 25, 16, 30);
const DEADLINE = Date.UTC(2026, 10, 25, 15, 0);
const EN = hackExportWords('en', 'UTC');
const DE = hackExportWords('de', 'Europe/Berlin');
const FR = hackExportWords('fr', 'Europe/Paris');

function input(over: Partial<HackExportInput> = {}): HackExportInput {
	return {
		title: 'Jugend hackt 2026',
		locale: 'de',
		now: NOW,
		deadline: DEADLINE,
		criteria: [
			{ id: 'c1', name: 'Idee', weight: 2 },
			{ id: 'c2', name: 'Umsetzung', weight: 1 }
		],
		stages: [
			{ id: 's1', name: 'Idee', checklist: ['Challenge gewählt'] },
			{ id: 's2', name: 'Prototyp', checklist: [] },
			{ id: 's3', name: 'Demo-bereit', checklist: [] }
		],
		challenges: [
			{ id: 'ch1', title: 'Saubere Flüsse', partner: 'Umweltamt' },
			{ id: 'ch2', title: 'Schulweg', partner: '' }
		],
		teams: [
			{
				id: 't1',
				name: 'Flussretter',
				challengeId: 'ch1',
				members: ['Lina', 'Jonas'],
				stageId: 's3',
				submittedAt: DEADLINE - 10 * MIN,
				project: { title: 'Wasser-Sensor', codeUrl: 'https://git.example/fluss', videoUrl: 'https://video.example/v/1' },
				text: 'Wir messen Nitrat.\r\nMit einem Arduino.\n'
			},
			{
				id: 't2',
				name: 'Radweg-Team',
				challengeId: 'ch2',
				members: ['Zoë'],
				stageId: 's2',
				submittedAt: DEADLINE + 5 * MIN,
				project: { title: 'Radkarte', codeUrl: '', videoUrl: '' },
				text: ''
			},
			{ id: 't3', name: 'Nachzügler', challengeId: null, members: ['Mo', 'Anouk'], stageId: 's1', submittedAt: null, project: { title: '', codeUrl: '', videoUrl: '' }, text: '' }
		],
		jurors: [
			{ id: 'j1', name: 'Frau Weber' },
			{ id: 'j2', name: 'Herr Kaya' }
		],
		scores: [
			{ jurorId: 'j1', teamId: 't1', criterionId: 'c1', value: 5 },
			{ jurorId: 'j1', teamId: 't1', criterionId: 'c2', value: 4 },
			{ jurorId: 'j2', teamId: 't1', criterionId: 'c1', value: 4 },
			{ jurorId: 'j2', teamId: 't1', criterionId: 'c2', value: 4 },
			{ jurorId: 'j1', teamId: 't2', criterionId: 'c1', value: 3 },
			{ jurorId: 'j1', teamId: 't2', criterionId: 'c2', value: 2 },
			// Of a juror, a team and a criterion that are not in the export: left out.
			{ jurorId: 'gone', teamId: 't1', criterionId: 'c1', value: 1 },
			{ jurorId: 'j1', teamId: 'forged', criterionId: 'c1', value: 1 },
			{ jurorId: 'j2', teamId: 't2', criterionId: 'old', value: 1 }
		],
		comments: [
			{ jurorId: 'j2', teamId: 't1', comment: 'Starker Pitch!\nWeiter so.' },
			{ jurorId: 'j1', teamId: 't1', comment: '   ' }
		],
		votes: { t1: 7, t2: 12, $voters: 19 },
		awards: [
			{ teamId: 't1', kind: 'jury', place: 1 },
			{ teamId: 't2', kind: 'jury', place: 2 },
			{ teamId: 't2', kind: 'audience' }
		],
		...over
	};
}

/** A ranking as the real one might return it: t2 first with a positive score, t1 second with a negative one. */
function fakeRanking(): RankedTeam[] {
	return [
		{ teamId: 't1', place: 2, normalised: -0.70710678, raw: 4.333333, jurors: 2, perCriterion: { c1: 4.5, c2: 4 } },
		{ teamId: 't2', place: 1, normalised: 0.70710678, raw: 2.666667, jurors: 1, perCriterion: { c1: 3, c2: 2 } }
	];
}

/** The CSV as objects keyed by the (translated) header. */
function csvRecords(text: string, words: HackExportWords) {
	const [header, ...rows] = parseCsv(text, csvSeparatorFor(words.locale));
	expect(new Set(header).size, 'headers are unique').toBe(header.length);
	for (const r of rows) expect(r).toHaveLength(header.length);
	return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** What a spreadsheet cell shows for a text (formulas defused with an apostrophe). */
const sheet = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/** The document's block structure as CommonMark's reference parser sees it. */
function blocks(md: string) {
	const doc = new Parser().parse(md);
	const top: Node[] = [];
	for (let n = doc.firstChild; n; n = n.next) top.push(n);
	const text = (n: Node): string => {
		let s = '';
		const walker = n.walker();
		for (let e = walker.next(); e; e = walker.next()) if (e.entering && e.node.type === 'text') s += e.node.literal ?? '';
			else if (e.entering && e.node.type === 'code') s += `\`${e.node.literal ?? ''}\``;
		return s;
	};
	const html: string[] = [];
	const links: string[] = [];
	const walker = doc.walker();
	for (let e = walker.next(); e; e = walker.next()) {
		if (!e.entering) continue;
		if (e.node.type === 'html_block' || e.node.type === 'html_inline') html.push(e.node.literal ?? '');
		if (e.node.type === 'link' || e.node.type === 'image') links.push(e.node.destination ?? '');
	}
	return {
		top,
		headings: top.filter((n) => n.type === 'heading').map((n) => `${'#'.repeat(n.level)} ${text(n)}`),
		code: top.filter((n) => n.type === 'code_block').map((n) => n.literal ?? ''),
		html,
		links,
		text
	};
}

describe('buildHackExport', () => {
	it('carries teams with challenge, members, stage, submission, project, ranking, votes and awards', () => {
		vi.mocked(ranking.rankTeams).mockImplementationOnce(fakeRanking);
		const e = buildHackExport(input());
		expect(vi.mocked(ranking.rankTeams)).toHaveBeenLastCalledWith(['t1', 't2'], input().criteria, input().scores.slice(0, 6));
		expect(e.exportedAt).toBe('2026-11-25T16:30:00.000Z');
		expect(e.deadline).toBe('2026-11-25T15:00:00.000Z');
		// Ranked teams by place, then the others as they came.
		expect(e.teams.map((t) => t.id)).toEqual(['t2', 't1', 't3']);
		expect(e.teams[1]).toEqual({
			id: 't1',
			name: 'Flussretter',
			challengeId: 'ch1',
			challenge: 'Saubere Flüsse',
			partner: 'Umweltamt',
			members: ['Lina', 'Jonas'],
			stageId: 's3',
			stage: 'Demo-bereit',
			stageIndex: 3,
			submittedAt: '2026-11-25T14:50:00.000Z',
			onTime: true,
			project: { title: 'Wasser-Sensor', codeUrl: 'https://git.example/fluss', videoUrl: 'https://video.example/v/1' },
			text: 'Wir messen Nitrat.\nMit einem Arduino.',
			jury: { place: 2, normalised: -0.70710678, raw: 4.333333, jurors: 2, perCriterion: { c1: 4.5, c2: 4 } },
			votes: 7,
			awards: [{ kind: 'jury', place: 1 }]
		});
		expect(e.teams[0]).toMatchObject({ id: 't2', onTime: false, challenge: 'Schulweg', partner: '', jury: { place: 1 } });
		expect(e.teams[2]).toMatchObject({ id: 't3', challenge: null, partner: null, submittedAt: null, onTime: null, jury: { place: null, normalised: null }, votes: 0, awards: [] });
		expect(e.ranking.places.map((p) => [p.place, p.teamId, p.team])).toEqual([
			[1, 't2', 'Radweg-Team'],
			[2, 't1', 'Flussretter']
		]);
		expect(e.ranking.method).toMatch(/standard deviation/);
		expect(e.ranking.tieRule).toMatch(/share the place/);
		// Scores by team (in the teams' order), juror, criterion; unknown ones dropped.
		expect(e.scores.map((s) => `${s.teamId}/${s.jurorId}/${s.criterionId}=${s.value}`)).toEqual(['t2/j1/c1=3', 't2/j1/c2=2', 't1/j1/c1=5', 't1/j1/c2=4', 't1/j2/c1=4', 't1/j2/c2=4']);
		expect(e.scores[0]).toEqual({ teamId: 't2', team: 'Radweg-Team', jurorId: 'j1', juror: 'Frau Weber', criterionId: 'c1', criterion: 'Idee', weight: 2, value: 3 });
		expect(e.comments).toEqual([{ teamId: 't1', team: 'Flussretter', jurorId: 'j2', juror: 'Herr Kaya', comment: 'Starker Pitch!\nWeiter so.' }]);
		expect(e.audience).toEqual({
			voters: 19,
			votes: [
				{ teamId: 't2', team: 'Radweg-Team', votes: 12 },
				{ teamId: 't1', team: 'Flussretter', votes: 7 },
				{ teamId: 't3', team: 'Nachzügler', votes: 0 }
			]
		});
		expect(e.awards).toEqual([
			{ teamId: 't2', team: 'Radweg-Team', kind: 'jury', place: 2 },
			{ teamId: 't2', team: 'Radweg-Team', kind: 'audience' },
			{ teamId: 't1', team: 'Flussretter', kind: 'jury', place: 1 }
		]);
	});

	it('takes no deadline as any time on time, and a tally without voters as unknown', () => {
		const e = buildHackExport(input({ deadline: null, votes: { t1: 2 } }));
		expect(e.deadline).toBeNull();
		expect(e.teams.find((t) => t.id === 't2')!.onTime).toBe(true);
		expect(e.audience.voters).toBeNull();
	});

	it('is JSON that parses back to the model', () => {
		const e = buildHackExport(input());
		const json = renderHackExport(e, 'json', EN);
		expect(json.endsWith('}\n')).toBe(true);
		expect(JSON.parse(json)).toEqual(e);
	});
});

describe('CSV', () => {
	it('has a BOM, the language\'s separator, CRLF rows, and the method first', () => {
		vi.mocked(ranking.rankTeams).mockImplementationOnce(fakeRanking);
		const text = renderHackExport(buildHackExport(input()), 'csv', DE);
		expect(text.startsWith('\uFEFF')).toBe(true);
		expect(text.endsWith('\r\n')).toBe(true);
		const rows = parseCsv(text, ';');
		expect(rows[0].slice(0, 8)).toEqual(['Art', 'ID', 'Team', 'Challenge', 'Partner', 'Mitglieder', 'Etappe', 'Abgegeben']);
		expect(rows[1][0]).toBe('Methode der Rangfolge');
		expect(rows[1][12]).toBe(`${DE.method} ${DE.tieRule}`);
		const records = csvRecords(text, DE);
		const t1 = records.find((r) => r.ID === 't1' && r.Art === 'Team')!;
		expect(t1).toMatchObject({
			Mitglieder: 'Lina, Jonas',
			Etappe: 'Demo-bereit',
			Abgegeben: '25.11.2026 15:50',
			'Vor der Abgabefrist': 'ja',
			'Platz bei der Jury': '2',
			// A negative score stays a number (not defused), with the German decimal comma.
			'Normalisierte Wertung': '-0,707',
			'Durchschnittliche Wertung (1–5)': '4,333',
			'Stimmen des Publikums': '7',
			Preise: 'Jurypreis, Platz 1'
		});
		expect(records.find((r) => r.ID === 't2' && r.Art === 'Team')).toMatchObject({ 'Vor der Abgabefrist': 'nein', Preise: 'Jurypreis, Platz 2, Publikumspreis' });
		expect(records.find((r) => r.ID === 't3')).toMatchObject({ Abgegeben: '', 'Vor der Abgabefrist': '', 'Platz bei der Jury': '', Jurymitglieder: '' });
		expect(records.filter((r) => r.Art === 'Wertung')).toHaveLength(6);
		expect(records.find((r) => r.Art === 'Kommentar')).toMatchObject({ ID: 't1', Jurymitglied: 'Herr Kaya', Kommentar: 'Starker Pitch!\nWeiter so.' });
	});

	it('is English with commas and French with semicolons', () => {
		const en = parseCsv(renderHackExport(buildHackExport(input()), 'csv', EN), ',');
		expect(en[0].slice(0, 3)).toEqual(['Kind', 'ID', 'Team']);
		expect(en.find((r) => r[1] === 't1')![7]).toBe('11/25/2026 02:50 PM');
		const fr = parseCsv(renderHackExport(buildHackExport(input()), 'csv', FR), ';');
		expect(fr[0].slice(0, 4)).toEqual(['Type', 'ID', 'Équipe', 'Défi']);
		expect(fr.find((r) => r[1] === 't1')![7]).toBe('25/11/2026 15:50');
		expect(sheetNumber(-0.5, 'fr')).toBe('-0,5');
	});

	it.each(['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1:A2)', '\tcmd'])('defuses formulas in every text cell: %j', (evil) => {
		const i = input();
		i.title = evil;
		i.teams[0] = { ...i.teams[0], name: evil, members: [evil], text: evil, project: { title: evil, codeUrl: evil, videoUrl: evil } };
		i.challenges[0] = { ...i.challenges[0], title: evil, partner: evil };
		i.jurors[1] = { ...i.jurors[1], name: evil };
		i.comments = [{ jurorId: 'j2', teamId: 't1', comment: evil }];
		const records = csvRecords(renderHackExport(buildHackExport(i), 'csv', EN), EN);
		const h = EN.headers;
		const team = records.find((r) => r[h.id] === 't1' && r[h.kind] === EN.kind.team)!;
		const cleaned = evil.trim();
		for (const k of [h.team, h.challenge, h.partner, h.members, h.project, h.code, h.video]) expect(team[k], k).toBe(`'${evil}`);
		expect(team[h.text]).toBe(sheet(cleaned));
		const comment = records.find((r) => r[h.kind] === EN.kind.comment)!;
		expect(comment[h.juror]).toBe(`'${evil}`);
		expect(comment[h.comment]).toBe(sheet(cleaned));
	});
});

const TEXTS = ['Mehr Pausen', 'Sport & Spiel', 'Say "hi", then; go', 'Zeile eins\nZeile zwei', '=1+1', '-5', 'Café crème', '<b>fett</b>', 'Q&A', '1. Punkt', 'Ideen [alt]', '# Titel', '| a | b |', '`code`', '```', '🎉 Team'];

function randomInput(next: () => number, locale: string): HackExportInput {
	const pick = <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
	const count = (max: number) => Math.floor(next() * (max + 1));
	const criteria = Array.from({ length: 1 + count(3) }, (_, i) => ({ id: `c${i}`, name: `${pick(TEXTS)} ${i}`, weight: 1 + count(4) }));
	const stages = Array.from({ length: 1 + count(3) }, (_, i) => ({ id: `s${i}`, name: `${pick(TEXTS)} ${i}`, checklist: [] }));
	const challenges = Array.from({ length: count(3) }, (_, i) => ({ id: `ch${i}`, title: `${pick(TEXTS)} ${i}`, partner: next() < 0.5 ? '' : pick(TEXTS) }));
	const deadline = next() < 0.2 ? null : NOW - 60 * MIN;
	const teams = Array.from({ length: count(6) }, (_, i) => ({
		id: `t${i}`,
		name: `${pick(TEXTS)} ${i}`,
		challengeId: challenges.length && next() < 0.8 ? pick(challenges).id : next() < 0.1 ? 'deleted' : null,
		members: Array.from({ length: count(4) }, () => pick(['Lina', 'Jonas', 'Zoë', 'Anouk', '=Mo', 'Ümit'])),
		stageId: next() < 0.9 ? pick(stages).id : 'gone',
		submittedAt: next() < 0.6 ? NOW - 120 * MIN + Math.floor(next() * 120 * MIN) : null,
		project: { title: next() < 0.8 ? pick(TEXTS) : '', codeUrl: next() < 0.5 ? 'https://git.example/x_(1)' : '', videoUrl: next() < 0.3 ? pick(TEXTS) : '' },
		text: next() < 0.5 ? `${pick(TEXTS)}\n${pick(TEXTS)}` : ''
	}));
	const jurors = Array.from({ length: count(3) }, (_, i) => ({ id: `j${i}`, name: `${pick(TEXTS)} ${i}` }));
	const scores = jurors.flatMap((j) =>
		teams.filter(() => next() < 0.6).flatMap((t) => criteria.filter(() => next() < 0.9).map((c) => ({ jurorId: j.id, teamId: t.id, criterionId: c.id, value: 1 + count(4) })))
	);
	const comments = scores.filter(() => next() < 0.2).map((s) => ({ jurorId: s.jurorId, teamId: s.teamId, comment: pick(TEXTS) }));
	const votes: Record<string, number> = {};
	for (const t of teams) if (next() < 0.6) votes[t.id] = count(20);
	if (next() < 0.7) votes.$voters = Object.values(votes).reduce((a, b) => a + b, 0);
	const awards = teams.filter(() => next() < 0.3).map((t, i) => (next() < 0.5 ? { teamId: t.id, kind: 'jury' as const, place: i + 1 } : { teamId: t.id, kind: 'audience' as const }));
	return { title: pick(TEXTS), locale, now: NOW, deadline, criteria, stages, challenges, teams, jurors, scores, comments, votes, awards };
}

/** A ranking with fractional and negative scores and shared places, so the numbers' path is exercised too. */
function randomRanking(teamIds: string[]): RankedTeam[] {
	return teamIds.map((teamId, i) => ({
		teamId,
		place: Math.max(1, i),
		normalised: i === teamIds.length - 1 ? null : 1 - i * 0.3751,
		raw: i === teamIds.length - 1 ? null : 5 - i / 3,
		jurors: i === teamIds.length - 1 ? 0 : 2,
		perCriterion: {}
	}));
}

describe('every format carries the same facts', () => {
	it.each([
		['en', EN],
		['de', DE],
		['fr', FR]
	] as const)('CSV parsed back equals the JSON, and the Markdown names every team (%s)', (locale, words) => {
		const next = rng(locale.charCodeAt(0) * 977);
		for (let run = 0; run < 150; run++) {
			const i = randomInput(next, locale);
			if (run % 2) vi.mocked(ranking.rankTeams).mockImplementationOnce((ids) => randomRanking(ids));
			const json: HackExport = JSON.parse(renderHackExport(buildHackExport(i), 'json', words));
			const records = csvRecords(renderHackExport(json, 'csv', words), words);
			const h = words.headers;
			const n = (x: number | null) => (x === null ? '' : sheetNumber(x, words.locale));
			const empty = Object.fromEntries(Object.values(h).map((k) => [k, '']));
			const expected = [
				{ ...empty, [h.kind]: words.kind.method, [h.text]: `${words.method} ${words.tieRule}` },
				...json.teams.map((t) => ({
					...empty,
					[h.kind]: words.kind.team,
					[h.id]: sheet(t.id),
					[h.team]: sheet(t.name),
					[h.challenge]: sheet(t.challenge ?? ''),
					[h.partner]: sheet(t.partner ?? ''),
					[h.members]: sheet(t.members.join(', ')),
					[h.stage]: sheet(t.stage ?? ''),
					[h.submitted]: t.submittedAt ? spreadsheetDate(t.submittedAt, words) : '',
					[h.onTime]: t.onTime === null ? '' : t.onTime ? words.yes : words.no,
					[h.project]: sheet(t.project.title),
					[h.code]: sheet(t.project.codeUrl),
					[h.video]: sheet(t.project.videoUrl),
					[h.text]: sheet(t.text),
					[h.place]: n(t.jury.place),
					[h.score]: n(t.jury.normalised),
					[h.raw]: n(t.jury.raw),
					[h.jurors]: t.jury.place === null ? '' : String(t.jury.jurors),
					[h.votes]: String(t.votes),
					[h.awards]: t.awards.map(words.award).join(', ')
				})),
				...json.scores.map((s) => ({
					...empty,
					[h.kind]: words.kind.score,
					[h.id]: s.teamId,
					[h.team]: sheet(s.team),
					[h.juror]: sheet(s.juror),
					[h.criterion]: sheet(s.criterion),
					[h.weight]: String(s.weight),
					[h.value]: String(s.value)
				})),
				...json.comments.map((c) => ({ ...empty, [h.kind]: words.kind.comment, [h.id]: c.teamId, [h.team]: sheet(c.team), [h.juror]: sheet(c.juror), [h.comment]: sheet(c.comment) }))
			];
			expect(records).toEqual(expected);
			// The JSON against the input: every team once, every score of a known juror, team and criterion.
			expect(json.teams.map((t) => t.id).sort()).toEqual(i.teams.map((t) => t.id).sort());
			const known = i.scores.filter((s) => i.jurors.some((j) => j.id === s.jurorId) && i.teams.some((t) => t.id === s.teamId));
			expect(json.scores).toHaveLength(known.length);
			expect(json.ranking.places.map((p) => p.place)).toEqual([...json.ranking.places.map((p) => p.place)].sort((a, b) => a - b));

			const md = renderHackExport(json, 'md', words);
			const { headings, html } = blocks(md);
			expect(html).toEqual([]);
			for (const t of json.teams) expect(headings).toContain(`### ${t.name.replace(/\s*[\r\n]+\s*/g, ' ')}`);
			expect(headings.filter((x) => x.startsWith('## '))).toEqual(
				[...(json.criteria.length ? [words.criteria] : []), words.ranking, words.audience, words.awards, words.teams].map((x) => `## ${x}`)
			);
			const lines = md.split('\n');
			for (const r of json.ranking.places) expect(lines.some((l) => l.startsWith(`${r.place}\\. ${escapeMarkdownLine(r.team)}`)), r.team).toBe(true);
		}
	});
});

describe('Markdown', () => {
	it('states the method and tie rule with the ranking, then votes, awards and each team with its scores', () => {
		vi.mocked(ranking.rankTeams).mockImplementationOnce(fakeRanking);
		const md = renderHackExport(buildHackExport(input()), 'md', DE);
		expect(md).toContain('# Jugend hackt 2026\n\nExportiert am 25. November 2026 um 17:30 MEZ  \nAbgabefrist: 25. November 2026 um 16:00 MEZ\n');
		expect(md).toContain('## Kriterien\n\n- Idee (Gewichtung 2)\n- Umsetzung (Gewichtung 1)\n');
		expect(md).toContain(`## Rangfolge der Jury\n\n${DE.method} ${DE.tieRule}\n\n`);
		expect(md).toContain('1\\. Radweg-Team: normalisiert +0,71, Durchschnitt 2,67, 1 Jurymitglied  \n2\\. Flussretter: normalisiert -0,71, Durchschnitt 4,33, 2 Jurymitglieder\n');
		expect(md).toContain('## Publikumsabstimmung\n\n19 Personen haben abgestimmt.\n\n- Radweg-Team: 12 Stimmen\n- Flussretter: 7 Stimmen\n');
		expect(md).toContain('## Preise\n\n- Jurypreis, Platz 2: Radweg-Team\n- Publikumspreis: Radweg-Team\n- Jurypreis, Platz 1: Flussretter\n');
		expect(md).toContain(
			[
				'### Flussretter',
				'',
				'- Challenge: Saubere Flüsse (Umweltamt)',
				'- Mitglieder: Lina, Jonas',
				'- Etappe: Demo-bereit',
				'- Abgegeben: 25. November 2026 um 15:50 MEZ, vor der Abgabefrist',
				'- Projekt: Wasser-Sensor',
				'- Code: <https://git.example/fluss>',
				'- Video: <https://video.example/v/1>',
				'- Platz bei der Jury: 2 (normalisiert -0,71, Durchschnitt 4,33, 2 Jurymitglieder)',
				'- Stimmen des Publikums: 7 Stimmen',
				'- Preise: Jurypreis, Platz 1',
				'',
				'#### Wertungen der Jury',
				'',
				'| Jurymitglied | Idee (Gewichtung 2) | Umsetzung (Gewichtung 1) |',
				'|---|---:|---:|',
				'| Frau Weber | 5 | 4 |',
				'| Herr Kaya | 4 | 4 |',
				'',
				'#### Kommentare der Jury',
				'',
				'- Herr Kaya: Starker Pitch!  ',
				'  Weiter so.',
				'',
				'#### Projektseite',
				'',
				'```text\nWir messen Nitrat.\nMit einem Arduino.\n```',
				''
			].join('\n')
		);
		expect(md).toContain('- Abgegeben: 25. November 2026 um 16:05 MEZ, nach der Abgabefrist');
		expect(md).toContain('### Nachzügler\n\n- Challenge: keine Challenge\n- Mitglieder: Mo, Anouk\n- Etappe: Idee\n- Abgegeben: nicht abgegeben\n- Stimmen des Publikums: 0 Stimmen\n');
	});

	it('is in English and French too, and says when there is nothing yet', () => {
		const empty = input({ teams: [], scores: [], comments: [], votes: {}, awards: [], deadline: null, criteria: [] });
		const en = renderHackExport(buildHackExport(empty), 'md', EN);
		expect(en).toContain('No deadline\n');
		expect(en).toContain('No project was submitted or scored.');
		expect(en).toContain('Nobody voted.');
		expect(en).toContain('No awards yet.');
		expect(en).toContain('No teams.');
		expect(en).not.toContain('## Criteria');
		const fr = renderHackExport(buildHackExport(input()), 'md', FR);
		expect(fr).toContain('## Classement du jury');
		expect(fr).toContain('- Défi\u00a0: Saubere Flüsse (Umweltamt)');
		expect(fr).toContain('19 personnes ont voté.');
		expect(fr).toContain('- Radweg-Team\u00a0: 12 votes');
	});

	it('escapes everything typed: headings, lists, HTML, links and table pipes stay text; the project text stays verbatim', () => {
		const evil = '# <script>alert(1)</script> [x](javascript:alert(2)) | col';
		const i = input();
		i.title = evil;
		i.teams[0] = { ...i.teams[0], name: evil, members: ['- Lina', '<img src=x>'], text: '# Titel\n```\n<b>x</b>\n````', project: { title: evil, codeUrl: 'javascript:alert(3)', videoUrl: 'https://ok.example/a b' } };
		i.jurors[0] = { ...i.jurors[0], name: '| Frau | Weber |' };
		i.criteria[0] = { ...i.criteria[0], name: 'Idee | <i>' };
		i.comments = [{ jurorId: 'j2', teamId: 't1', comment: '## not a heading\n> nor a quote\n- nor a list' }];
		const md = renderHackExport(buildHackExport(i), 'md', EN);
		const { headings, html, links, code, top, text } = blocks(md);
		expect(html).toEqual([]);
		expect(links.filter((l) => !l.startsWith('https://'))).toEqual([]);
		expect(headings[0]).toBe(`# ${evil}`);
		expect(headings).toContain(`### ${evil}`);
		expect(headings.filter((h) => h.startsWith('## '))).toEqual(['## Criteria', '## Jury ranking', '## Audience vote', '## Awards', '## Teams and projects']);
		expect(code).toEqual(['# Titel\n```\n<b>x</b>\n````\n']);
		expect(md).toContain('`````text\n');
		// The scores table keeps its columns: pipes in names are escaped.
		const rows = md.split('\n').filter((l) => l.startsWith('| '));
		for (const r of rows) expect(r.split(/(?<!\\)\|/).length).toBe(rows[0].split(/(?<!\\)\|/).length);
		// The comment is one list item, its lines text.
		const list = top.find((n) => n.type === 'list' && text(n).includes('not a heading'))!;
		expect(text(list)).toContain('## not a heading');
		expect(md).not.toMatch(/^\s*> nor/m);
	});

	it('keeps arbitrary team names, comments and texts from changing the document\'s structure (property)', () => {
		const piece = fc.constantFrom('`', '```', '~~~', '#', '## x', '\n', '\r\n', '    ', '<div>', '>', '- ', '1. ', '[a]: /b', '***', '===', '|', 'Text', 'ä', '🎉', ' ');
		const typed = fc.string({ unit: fc.oneof(piece, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '\u0000')), maxLength: 80 });
		fc.assert(
			fc.property(typed, typed, typed, (name, comment, text) => {
				fc.pre(name.trim() !== '' && !/[\r\n]/.test(name));
				const i = input();
				i.teams[2] = { ...i.teams[2], name, text };
				i.comments = [{ jurorId: 'j1', teamId: 't3', comment }];
				i.scores.push({ jurorId: 'j1', teamId: 't3', criterionId: 'c1', value: 3 });
				const md = renderHackExport(buildHackExport(i), 'md', EN);
				const { headings, html, code } = blocks(md);
				expect(html).toEqual([]);
				expect(headings.filter((h) => h.startsWith('## ') || h.startsWith('# '))).toEqual([
					'# Jugend hackt 2026',
					'## Criteria',
					'## Jury ranking',
					'## Audience vote',
					'## Awards',
					'## Teams and projects'
				]);
				expect(headings.filter((h) => h.startsWith('### '))).toHaveLength(3);
				const clean = text.replace(/\r\n?/g, '\n').trim();
				expect(code).toEqual([`Wir messen Nitrat.\nMit einem Arduino.\n`, ...(clean ? [`${clean}\n`] : [])]);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('renderFor', () => {
	it('picks the words of the workshop\'s language (English for any other) and the time zone', () => {
		expect(renderFor(input({ locale: 'de' }), 'csv', { timeZone: 'Europe/Berlin' })).toContain('Art;ID;Team');
		expect(renderFor(input({ locale: 'fr' }), 'md')).toContain('## Classement du jury');
		expect(renderFor(input({ locale: 'xx' }), 'md', { timeZone: 'UTC' })).toContain('Exported on November 25, 2026 at 04:30 PM UTC');
		expect(renderFor(input({ locale: 'de', timeZone: 'Europe/Berlin' }), 'md')).toContain('um 17:30 MEZ');
		expect(JSON.parse(renderFor(input(), 'json'))).toEqual(buildHackExport(input()));
	});
});
