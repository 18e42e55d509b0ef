import { m } from '$lib/paraglide/messages.js';
import type { MsgOptions } from '$lib/components/room/text';
import type { Interest, Skill } from './domain';

type Msg = (i?: object, o?: MsgOptions) => string;

export { phaseName } from './phase-names';

const SKILL: Record<Skill, Msg> = {
	code: m.hk_skill_code,
	design: m.hk_skill_design,
	hardware: m.hk_skill_hardware,
	video: m.hk_skill_video,
	writing: m.hk_skill_writing,
	pitching: m.hk_skill_pitching,
	research: m.hk_skill_research,
	data: m.hk_skill_data
};
const INTEREST: Record<Interest, Msg> = {
	environment: m.hk_interest_environment,
	health: m.hk_interest_health,
	education: m.hk_interest_education,
	mobility: m.hk_interest_mobility,
	games: m.hk_interest_games,
	community: m.hk_interest_community,
	ai: m.hk_interest_ai,
	space: m.hk_interest_space
};

export const skillName = (s: Skill, o?: MsgOptions) => SKILL[s]({}, o);
export const interestName = (i: Interest, o?: MsgOptions) => INTEREST[i]({}, o);
/** How the jury ranking breaks ties, and how it normalises per juror (shown with the results and in the ceremony). */
export const tieRule = (o?: MsgOptions) => m.hk_tie_rule({}, o);
export const rankingMethod = (o?: MsgOptions) => m.hk_method({}, o);
