import { buildHackExport, renderHackExport, type HackExportInput, type HackExportWords } from '../../../src/lib/features/hackathon/export';
import { m } from '../../../src/lib/paraglide/messages.js';
import { isTimeZone } from '../../../src/lib/domain/export-text';
import { localeOf, type Locale } from '../../services';

/**
 * The hackathon's export words of one workshop language, from the messages; dates in the given zone (an unknown zone
 * is ignored), else the server's.
 */
export function hackExportWords(locale: Locale, timeZone?: string): HackExportWords {
	const o = { locale };
	const plural = new Intl.PluralRules(locale);
	const count = (n: number) => String(n);
	const many = (n: number, one: typeof m.hkx_votes_one, other: typeof m.hkx_votes_other) =>
		plural.select(n) === 'one' ? one({ count: count(n) }, o) : other({ count: count(n) }, o);
	return {
		locale,
		timeZone: timeZone && isTimeZone(timeZone) ? timeZone : undefined,
		headers: {
			kind: m.hkx_col_kind({}, o),
			id: m.export_col_id({}, o),
			team: m.hkx_col_team({}, o),
			challenge: m.hkx_col_challenge({}, o),
			partner: m.hkx_col_partner({}, o),
			members: m.hkx_col_members({}, o),
			stage: m.hkx_col_stage({}, o),
			submitted: m.hkx_col_submitted({}, o),
			onTime: m.hkx_col_on_time({}, o),
			project: m.hkx_col_project({}, o),
			code: m.hkx_col_code({}, o),
			video: m.hkx_col_video({}, o),
			text: m.hkx_col_text({}, o),
			place: m.hkx_col_place({}, o),
			score: m.hkx_col_score({}, o),
			raw: m.hkx_col_raw({}, o),
			jurors: m.hkx_col_jurors({}, o),
			votes: m.hkx_col_votes({}, o),
			awards: m.hkx_col_awards({}, o),
			juror: m.hkx_col_juror({}, o),
			criterion: m.hkx_col_criterion({}, o),
			weight: m.hkx_col_weight({}, o),
			value: m.hkx_col_value({}, o),
			comment: m.hkx_col_comment({}, o)
		},
		kind: { method: m.hkx_kind_method({}, o), team: m.hkx_kind_team({}, o), score: m.hkx_kind_score({}, o), comment: m.hkx_kind_comment({}, o) },
		yes: m.hkx_yes({}, o),
		no: m.hkx_no({}, o),
		method: m.hk_method({}, o),
		tieRule: m.hk_tie_rule({}, o),
		meta: (date) => m.hkx_meta({ date }, o),
		deadline: (date) => m.hkx_deadline({ date }, o),
		noDeadline: m.hkx_no_deadline({}, o),
		criteria: m.hkx_criteria({}, o),
		ranking: m.hkx_ranking({}, o),
		noRanking: m.hkx_no_ranking({}, o),
		audience: m.hkx_audience({}, o),
		noVotes: m.hkx_no_votes({}, o),
		awards: m.hkx_awards({}, o),
		noAwards: m.hkx_no_awards({}, o),
		teams: m.hkx_teams({}, o),
		noTeams: m.hkx_no_teams({}, o),
		scores: m.hkx_scores({}, o),
		comments: m.hkx_comments({}, o),
		weighted: (name, weight) => m.hkx_weighted({ name, weight: count(weight) }, o),
		ranked: ({ score, raw, jurors }) => m.hkx_ranked({ score, raw, jurors: many(jurors, m.hkx_jurors_one, m.hkx_jurors_other) }, o),
		notScored: m.hkx_not_scored({}, o),
		noChallenge: m.hkx_no_challenge({}, o),
		notSubmitted: m.hkx_not_submitted({}, o),
		onTimeAt: (date) => m.hkx_on_time({ date }, o),
		lateAt: (date) => m.hkx_late({ date }, o),
		votes: (n) => many(n, m.hkx_votes_one, m.hkx_votes_other),
		voters: (n) => many(n, m.hkx_voters_one, m.hkx_voters_other),
		award: (a) => (a.kind === 'audience' ? m.hkx_award_audience({}, o) : a.place !== undefined ? m.hkx_award_jury({ place: count(a.place) }, o) : m.hkx_award_jury_any({}, o)),
		field: (label, value) => m.hkx_field({ label, value }, o)
	};
}

/**
 * One hackathon's export in a format, with the words of its workshop's language (`input.locale`; English for any
 * other) and dates in `opts.timeZone` (else `input.timeZone`, else the server's zone).
 */
export function renderFor(input: HackExportInput, format: 'md' | 'csv' | 'json', opts: { timeZone?: string } = {}): string {
	const words = hackExportWords(localeOf(input.locale), opts.timeZone ?? input.timeZone);
	return renderHackExport(buildHackExport(input), format, words);
}
