import { inOrder, minParam, NOT_MET, perLog, result } from '../../badges/rules';
import type { AchievementTemplate, LogEvent, RuleFn, RuleParams, RuleResult } from '../../badges/types';

/**
 * The hackathon's award rules over its participation events (docs/ARCHITECTURE.md, "Participation log") and its
 * starter achievements. Pure.
 *
 * A team's events (created, joined, left, removed, stage reached, project submitted or withdrawn) carry the team id as
 * their subject; who belongs to the team is replayed from them: `created` and `joined` add their owner, `left` takes
 * the owner out, `removed` (the staff take the team apart) empties it for good. A team event reaches the people who
 * were members at that moment. The per-member events (pitched, jury and audience awards) name each member as owner.
 */

/** A team as the log leaves it at its end. */
export interface LoggedTeam {
	workshopId: string;
	activityId: string | null;
	/** Members now (empty once removed). */
	members: Set<string>;
	/** The staff took the team apart: nothing it did counts any more. */
	removed: boolean;
	/** Its project is submitted (on time) now, and who was in the team when it was. */
	submitted: boolean;
	submitters: Set<string>;
	/** For each member at the time, the furthest stage the team reached while they were in it (0-based index of a stage list of `count`). */
	reached: Map<string, { index: number; count: number }[]>;
}

/** Replays the hackathon's team events in order (once per log: `proposeAwards` asks every rule for every person). */
export function replayTeams(events: readonly LogEvent[]): Map<string, LoggedTeam> {
	return perLog('hackathon.replay', events, replayNow);
}

const TEAM_EVENTS = new Set([
	'hackathon.team.created',
	'hackathon.team.joined',
	'hackathon.team.left',
	'hackathon.team.removed',
	'hackathon.stage.reached',
	'hackathon.project.submitted',
	'hackathon.project.withdrawn'
]);

const wholeNumber = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function replayNow(events: readonly LogEvent[]): Map<string, LoggedTeam> {
	const out = new Map<string, LoggedTeam>();
	for (const e of inOrder(events)) {
		if (!TEAM_EVENTS.has(e.kind) || e.subjectId === null) continue;
		let t = out.get(e.subjectId);
		if (!t) {
			t = { workshopId: e.workshopId, activityId: e.activityId, members: new Set(), removed: false, submitted: false, submitters: new Set(), reached: new Map() };
			out.set(e.subjectId, t);
		}
		if (t.removed) continue;
		switch (e.kind) {
			case 'hackathon.team.created':
			case 'hackathon.team.joined':
				if (e.ownerId !== null) t.members.add(e.ownerId);
				break;
			case 'hackathon.team.left':
				if (e.ownerId !== null) t.members.delete(e.ownerId);
				break;
			case 'hackathon.team.removed':
				t.removed = true;
				t.members.clear();
				t.submitted = false;
				t.submitters.clear();
				t.reached.clear();
				break;
			case 'hackathon.project.submitted':
				if (e.payload.onTime !== true) break;
				t.submitted = true;
				t.submitters = new Set(t.members);
				break;
			case 'hackathon.project.withdrawn':
				t.submitted = false;
				t.submitters.clear();
				break;
			case 'hackathon.stage.reached': {
				const { stageIndex: index, stageCount: count } = e.payload;
				if (!wholeNumber(index) || !wholeNumber(count) || index >= count) break;
				for (const m of t.members) {
					if (!t.reached.has(m)) t.reached.set(m, []);
					t.reached.get(m)!.push({ index, count });
				}
				break;
			}
		}
	}
	return out;
}

const anyOf = (set: ReadonlySet<string>, person: ReadonlySet<string>) => [...set].some((x) => person.has(x));
const hackathonOf = (t: LoggedTeam) => `${t.workshopId}\u0000${t.activityId ?? ''}`;

/**
 * `hack_team_member` {min}: hackathons (activities, across workshops for a learner) in which the person was in a team
 * when it submitted its project on time, and the submission still stands at the end (not withdrawn, the team not
 * removed). Evidence: the teams.
 */
export const hackTeamMember: RuleFn = (events, person, params) => {
	const min = minParam(params);
	if (min === null) return NOT_MET;
	const teams = [...replayTeams(events)].filter(([, t]) => t.submitted && anyOf(t.submitters, person));
	return result(new Set(teams.map(([, t]) => hackathonOf(t))).size, min, teams.map(([id]) => id));
};

/**
 * `hack_stage` {stageIndex, min}: teams whose project reached a stage at least this far while the person was in them
 * (not removed since). `stageIndex` counts from 1 (the first stage) or, when negative, from the end (-1: the last
 * stage, whatever the hackathon's number of stages); the events' `stageIndex` is 0-based with `stageCount` stages.
 */
export const hackStage: RuleFn = (events, person, params) => {
	const min = minParam(params);
	const want = params?.stageIndex;
	if (min === null || typeof want !== 'number' || !Number.isInteger(want) || want === 0 || Math.abs(want) > 100) return NOT_MET;
	const far = (r: { index: number; count: number }) => r.index >= (want > 0 ? want - 1 : r.count + want);
	const teams = [...replayTeams(events)]
		.filter(([, t]) => [...person].some((p) => (t.reached.get(p) ?? []).some(far)))
		.map(([id]) => id);
	return result(teams.length, min, teams);
};

/** The distinct teams of the per-member events of `kind` owned by the person that `keep` accepts. */
function ownTeams(events: readonly LogEvent[], person: ReadonlySet<string>, kind: string, keep: (e: LogEvent) => boolean = () => true): string[] {
	const out: string[] = [];
	for (const e of inOrder(events)) if (e.kind === kind && e.subjectId !== null && e.ownerId !== null && person.has(e.ownerId) && keep(e)) out.push(e.subjectId);
	return [...new Set(out)];
}

const counted = (teams: string[], min: number): RuleResult => result(teams.length, min, teams);

/** `hack_pitched` {min}: teams the person pitched with (one `hackathon.team.pitched` per member). */
export const hackPitched: RuleFn = (events, person, params) => {
	const min = minParam(params);
	if (min === null) return NOT_MET;
	return counted(ownTeams(events, person, 'hackathon.team.pitched'), min);
};

/** `hack_jury_award` {maxPlace, min}: teams of the person's that the jury placed at `maxPlace` (default 3) or better. */
export const hackJuryAward: RuleFn = (events, person, params) => {
	const min = minParam(params);
	const maxPlace = minParam(params, 'maxPlace', 3);
	if (min === null || maxPlace === null) return NOT_MET;
	return counted(
		ownTeams(events, person, 'hackathon.jury.awarded', (e) => wholeNumber(e.payload.place) && e.payload.place >= 1 && e.payload.place <= maxPlace),
		min
	);
};

/** `hack_audience_award` {min}: teams of the person's that won the audience award. */
export const hackAudienceAward: RuleFn = (events, person, params) => {
	const min = minParam(params);
	if (min === null) return NOT_MET;
	return counted(ownTeams(events, person, 'hackathon.audience.awarded'), min);
};

/** `hack_writer` {min}: project texts (teams) the person wrote in, as a participant. */
export const hackWriter: RuleFn = (events, person, params) => {
	const min = minParam(params);
	if (min === null) return NOT_MET;
	const teams: string[] = [];
	for (const e of inOrder(events))
		if (e.kind === 'hackathon.project.text_written' && e.actorRole === 'participant' && person.has(e.actorId) && e.subjectId !== null) teams.push(e.subjectId);
	return counted([...new Set(teams)], min);
};

export const HACKATHON_RULES: Record<string, RuleFn<RuleParams>> = {
	hack_team_member: hackTeamMember,
	hack_stage: hackStage,
	hack_pitched: hackPitched,
	hack_jury_award: hackJuryAward,
	hack_audience_award: hackAudienceAward,
	hack_writer: hackWriter
};

export const HACKATHON_STARTER: AchievementTemplate[] = [
	{
		key: 'hackathon-team-player',
		kind: 'badge',
		name: { en: 'Hackathon team player', de: 'Hackathon-Teamplayer·in', fr: 'Coéquipier·ère de hackathon' },
		description: {
			en: 'You built a project with your team at a hackathon and handed it in on time.',
			de: 'Du hast bei einem Hackathon mit deinem Team ein Projekt gebaut und es rechtzeitig abgegeben.',
			fr: 'Tu as construit un projet avec ton équipe pendant un hackathon et vous l’avez déposé à temps.'
		},
		criteria: {
			en: 'Was in a team when it submitted its project before the deadline, and the submission was not withdrawn.',
			de: 'War in einem Team, als es sein Projekt vor der Abgabefrist abgegeben hat, und die Abgabe wurde nicht zurückgezogen.',
			fr: 'Était dans une équipe quand elle a déposé son projet avant la date limite, et le dépôt n’a pas été retiré.'
		},
		tags: ['hackathon', 'teamwork'],
		skillArea: 'collaboration',
		alignment: [],
		rule: { type: 'hack_team_member', params: { min: 1 } },
		requires: [],
		tier: 'standard',
		scope: 'workshop'
	},
	{
		key: 'hackathon-pitched',
		kind: 'badge',
		name: { en: 'Pitched', de: 'Gepitcht', fr: 'Pitch présenté' },
		description: {
			en: 'You presented your team’s project to the jury and the room.',
			de: 'Du hast das Projekt deines Teams vor der Jury und allen anderen vorgestellt.',
			fr: 'Tu as présenté le projet de ton équipe devant le jury et la salle.'
		},
		criteria: {
			en: 'Was in a team when it pitched its project to the jury.',
			de: 'War in einem Team, als es sein Projekt der Jury gepitcht hat.',
			fr: 'Était dans une équipe quand elle a présenté son projet au jury.'
		},
		tags: ['hackathon', 'speaking'],
		skillArea: 'communication',
		alignment: [],
		rule: { type: 'hack_pitched', params: { min: 1 } },
		requires: [],
		tier: 'standard',
		scope: 'workshop'
	},
	{
		key: 'hackathon-jury-prize',
		kind: 'badge',
		name: { en: 'Jury prize', de: 'Jurypreis', fr: 'Prix du jury' },
		description: {
			en: 'The jury placed your team’s project among the best three of a hackathon.',
			de: 'Die Jury hat das Projekt deines Teams unter die besten drei eines Hackathons gewählt.',
			fr: 'Le jury a classé le projet de ton équipe parmi les trois meilleurs d’un hackathon.'
		},
		criteria: {
			en: 'Was in a team that the jury placed 1st, 2nd or 3rd, confirmed by a facilitator.',
			de: 'War in einem Team, das bei der Jury auf Platz 1, 2 oder 3 kam, von der Moderation bestätigt.',
			fr: 'Était dans une équipe classée 1re, 2e ou 3e par le jury, confirmé par l’équipe d’animation.'
		},
		tags: ['hackathon', 'achievement'],
		skillArea: 'creativity',
		alignment: [],
		rule: { type: 'hack_jury_award', params: { maxPlace: 3, min: 1 } },
		requires: [],
		tier: 'confirm',
		scope: 'workshop'
	},
	{
		key: 'hackathon-audience-favourite',
		kind: 'badge',
		name: { en: 'Audience favourite', de: 'Publikumsliebling', fr: 'Coup de cœur du public' },
		description: {
			en: 'The audience gave your team’s project the most votes at a hackathon.',
			de: 'Das Publikum hat dem Projekt deines Teams bei einem Hackathon die meisten Stimmen gegeben.',
			fr: 'Le public a donné le plus de votes au projet de ton équipe pendant un hackathon.'
		},
		criteria: {
			en: 'Was in a team that won the audience award, confirmed by a facilitator.',
			de: 'War in einem Team, das den Publikumspreis gewonnen hat, von der Moderation bestätigt.',
			fr: 'Était dans une équipe qui a gagné le prix du public, confirmé par l’équipe d’animation.'
		},
		tags: ['hackathon', 'achievement'],
		skillArea: 'communication',
		alignment: [],
		rule: { type: 'hack_audience_award', params: { min: 1 } },
		requires: [],
		tier: 'confirm',
		scope: 'workshop'
	},
	{
		key: 'hackathon-veteran',
		kind: 'badge',
		name: { en: 'Hackathon veteran', de: 'Hackathon-Profi', fr: 'Habitué·e des hackathons' },
		description: {
			en: 'You took part in three hackathons or more, across different workshops.',
			de: 'Du hast bei drei oder mehr Hackathons mitgemacht, auch in verschiedenen Workshops.',
			fr: 'Tu as participé à trois hackathons ou plus, dans différents ateliers.'
		},
		criteria: {
			en: 'Took part in at least 3 hackathons (formed or joined a team, wrote a project page, voted ...), linked to the same backpack.',
			de: 'Bei mindestens 3 Hackathons mitgemacht (ein Team gegründet oder ihm beigetreten, an einer Projektseite geschrieben, abgestimmt …), mit demselben Rucksack verbunden.',
			fr: 'A participé à au moins 3 hackathons (créé ou rejoint une équipe, écrit une page de projet, voté…), reliés au même sac à dos.'
		},
		tags: ['hackathon', 'commitment'],
		skillArea: 'participation',
		alignment: [],
		rule: { type: 'activities_of_type', params: { type: 'hackathon', min: 3 } },
		requires: [],
		tier: 'confirm',
		scope: 'learner'
	}
];
