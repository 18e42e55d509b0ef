import { m } from '$lib/paraglide/messages.js';
import type { ErrorMessages } from '$lib/components/room/text';
import type { HackathonErrorCode } from './spec';

// A file of its own, so that the phone loads these words with the module's view, not with its page.
/** The hackathon's refusals in words (written out so that the bundler keeps only these messages). */
export const HACKATHON_ERRORS: ErrorMessages<HackathonErrorCode> = {
	teams_closed: m.error_teams_closed,
	work_closed: m.error_work_closed,
	team_full: m.error_team_full,
	already_in_team: m.error_already_in_team,
	not_in_team: m.error_not_in_team,
	team_too_small: m.error_team_too_small,
	team_name_taken: m.error_team_name_taken,
	team_name_too_long: m.error_team_name_too_long,
	too_many_teams: m.error_too_many_teams,
	too_many_challenges: m.error_too_many_challenges,
	unknown_challenge: m.error_unknown_challenge,
	unknown_stage: m.error_unknown_stage,
	past_deadline: m.error_past_deadline,
	bad_link: m.error_bad_link,
	size_rules: m.error_size_rules,
	not_juror: m.error_not_juror,
	not_your_group: m.error_not_your_group,
	score_range: m.error_score_range,
	judging_closed: m.error_judging_closed,
	rubric_locked: m.error_rubric_locked,
	voting_closed: m.error_voting_closed,
	own_team_vote: m.error_own_team_vote,
	already_voted: m.error_already_voted,
	not_submitted: m.error_not_submitted,
	showcase_off: m.error_showcase_off,
	nothing_to_match: m.error_nothing_to_match,
	ceremony_not_ready: m.error_ceremony_not_ready,
	text_too_long: m.error_text_too_long,
	too_many_jurors: m.error_too_many_jurors,
	bad_image: m.error_bad_image
};
