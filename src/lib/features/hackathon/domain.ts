import { ok, refuse, type Result } from '../../domain/result';
import { cleanTitle } from '../../domain/title';
import { hasVisible, stripInvisible } from '../../domain/visible-text';
import type { Phase } from './info';
export { PHASES, type Phase } from './info';

export const TEAM_NAME_MAX_LENGTH = 60;
export const CHALLENGE_TITLE_MAX_LENGTH = 80;
export const DESCRIPTION_MAX_LENGTH = 1000;
export const PARTNER_MAX_LENGTH = 80;
export const LABEL_MAX_LENGTH = 80;
export const COMMENT_MAX_LENGTH = 1000;
export const LINK_MAX_LENGTH = 500;
export const TAG_MAX_LENGTH = 30;
export const MAX_TAGS = 5;
export const MAX_CHALLENGES = 30;
export const MAX_TEAMS = 200;
export const MAX_STAGES = 8;
export const MAX_CHECKLIST = 8;
export const MAX_CRITERIA = 8;
export const MAX_JURORS = 40;
/** Team sizes a facilitator may set (a team of one is allowed: a person may hack alone if the rules say so). */
export const TEAM_SIZE = { min: 1, max: 12 } as const;
/** A rubric criterion's weight and a juror's score. */
export const WEIGHT = { min: 1, max: 5 } as const;
export const SCORE = { min: 1, max: 5 } as const;

/** A challenge's image: PNG, JPEG or WebP, at most 512 KB (kept on this server: no third-party request when shown). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const IMAGE_MAX_BYTES = 512 * 1024;

/** Whether the bytes are an image of the type they claim (by their signature). */
export function isImageOf(type: (typeof IMAGE_TYPES)[number], b: Uint8Array): boolean {
	if (type === 'image/png') return b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
	if (type === 'image/jpeg') return b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
	return b.length > 12 && String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP';
}

/** The short lists a participant picks their skills and interests from (free tags come on top). */
export const SKILLS = ['code', 'design', 'hardware', 'video', 'writing', 'pitching', 'research', 'data'] as const;
export type Skill = (typeof SKILLS)[number];
export const INTERESTS = ['environment', 'health', 'education', 'mobility', 'games', 'community', 'ai', 'space'] as const;
export type Interest = (typeof INTERESTS)[number];

export interface HackSettings {
	/** A team below this size cannot submit; matching fills teams to at least this size where it can. */
	minTeamSize: number;
	/** No team ever has more members (decided in the join's transaction). */
	maxTeamSize: number;
	/** Whether a participant may be in more than one team. */
	multiTeam: boolean;
	/** Submissions close at this instant (epoch ms), or never when null. */
	deadline: number | null;
}

export const DEFAULT_HACK_SETTINGS: HackSettings = { minTeamSize: 2, maxTeamSize: 5, multiTeam: false, deadline: null };

/** The default stages' keys (their names and checklists come in the workshop's language when a hackathon is made). */
export const DEFAULT_STAGE_KEYS = ['idea', 'sketched', 'prototype', 'demo'] as const;

export interface Stage {
	id: string;
	name: string;
	checklist: string[];
}

export interface Criterion {
	id: string;
	name: string;
	/** 1 to 5: how much the criterion counts in a juror's total. */
	weight: number;
}

/** Participants form, join and leave teams in these phases. */
export const canFormTeams = (phase: Phase) => phase === 'teams' || phase === 'hack';
/** Teams move their project through the stages and submit while hacking (the deadline closes submissions). */
export const canWork = (phase: Phase) => phase === 'teams' || phase === 'hack';
/** The audience votes while the facilitator has the vote open, in Pitch. */
export const canVote = (phase: Phase) => phase === 'pitch';

/** Whether a submission is in time: before the deadline, or any time when there is none. */
export const beforeDeadline = (deadline: number | null, now: number) => deadline === null || now < deadline;

export type HackathonError =
	| 'teams_closed'
	| 'work_closed'
	| 'team_full'
	| 'already_in_team'
	| 'not_in_team'
	| 'team_too_small'
	| 'team_name_taken'
	| 'team_name_too_long'
	| 'too_many_teams'
	| 'too_many_challenges'
	| 'unknown_challenge'
	| 'unknown_stage'
	| 'past_deadline'
	| 'bad_link'
	| 'size_rules'
	| 'not_juror'
	| 'not_your_group'
	| 'score_range'
	| 'judging_closed'
	| 'rubric_locked'
	| 'voting_closed'
	| 'own_team_vote'
	| 'already_voted'
	| 'not_submitted'
	| 'showcase_off'
	| 'nothing_to_match'
	| 'ceremony_not_ready'
	| 'text_too_long'
	| 'too_many_jurors'
	| 'bad_image';

/** A team's name: trimmed, visible, at most 60 characters. */
export function cleanTeamName(input: string): Result<string, 'title_empty' | 'team_name_too_long'> {
	const r = cleanTitle(input, TEAM_NAME_MAX_LENGTH);
	if (r.ok) return r;
	return r.reason === 'title_empty' ? refuse('title_empty') : refuse('team_name_too_long');
}

/** A short free text (a challenge's title or partner, a stage, a checklist item, a criterion, a juror's name). */
export function cleanLabel(input: string, max = LABEL_MAX_LENGTH): Result<string, 'title_empty' | 'title_too_long'> {
	return cleanTitle(input, max);
}

/** A longer optional text (a challenge's description, a juror's comment): trimmed, without invisible padding. */
export function cleanText(input: string, max = DESCRIPTION_MAX_LENGTH): Result<string, 'text_too_long'> {
	const s = stripInvisible(input).trim();
	if (!hasVisible(s)) return ok('');
	if ([...s].length > max) return refuse('text_too_long');
	return ok(s);
}

/**
 * A link to code or a demo video: empty, or an absolute http(s) URL without credentials (anything else, such as
 * `javascript:`, a `data:` URL or a bare word, is refused as `bad_link`). Returns the URL as the browser would write it.
 */
export function cleanLink(input: string): Result<string, 'bad_link'> {
	const s = input.trim();
	if (!s) return ok('');
	if ([...s].length > LINK_MAX_LENGTH) return refuse('bad_link');
	let u: URL;
	try {
		u = new URL(s);
	} catch {
		return refuse('bad_link');
	}
	if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password || !u.hostname.includes('.') && u.hostname !== 'localhost') return refuse('bad_link');
	return ok(u.href);
}

/** Free tags: trimmed, lower case, without duplicates, at most five of at most 30 characters. */
export function cleanTags(input: string[]): Result<string[], 'title_too_long'> {
	const out: string[] = [];
	for (const raw of input) {
		const t = stripInvisible(raw).trim().toLowerCase().replace(/\s+/g, ' ');
		if (!t) continue;
		if ([...t].length > TAG_MAX_LENGTH) return refuse('title_too_long');
		if (!out.includes(t)) out.push(t);
	}
	return ok(out.slice(0, MAX_TAGS));
}

/** Team size rules: 1 <= min <= max <= 12. */
export function checkSizes(min: number, max: number): Result<null, 'size_rules'> {
	return Number.isInteger(min) && Number.isInteger(max) && min >= TEAM_SIZE.min && max <= TEAM_SIZE.max && min <= max ? ok(null) : refuse('size_rules');
}

/**
 * Whether a participant may join a team now: the team has a free place and the participant is not in it, nor (unless
 * several teams are allowed) in another team of this hackathon. `teamsOfPerson` are the ids of the teams they are in.
 */
export function joinRefusal(
	team: { id: string; size: number },
	teamsOfPerson: string[],
	settings: Pick<HackSettings, 'maxTeamSize' | 'multiTeam'>
): 'team_full' | 'already_in_team' | null {
	if (teamsOfPerson.includes(team.id)) return 'already_in_team';
	if (!settings.multiTeam && teamsOfPerson.length > 0) return 'already_in_team';
	if (team.size >= settings.maxTeamSize) return 'team_full';
	return null;
}

/** A juror's score for one criterion: a whole number from 1 to 5. */
export const validScore = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= SCORE.min && v <= SCORE.max;
