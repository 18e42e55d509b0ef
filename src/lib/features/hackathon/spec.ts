import { z } from 'zod';
import { defineActivity, type PayloadOf } from '../../activities/spec';
import { id, key } from '../../protocol/schemas';
import { STAFF } from '../../protocol/roles';
import {
	COMMENT_MAX_LENGTH,
	DESCRIPTION_MAX_LENGTH,
	INTERESTS,
	LABEL_MAX_LENGTH,
	LINK_MAX_LENGTH,
	MAX_CHALLENGES,
	MAX_CHECKLIST,
	MAX_CRITERIA,
	MAX_STAGES,
	MAX_TAGS,
	SKILLS,
	TAG_MAX_LENGTH,
	TEAM_NAME_MAX_LENGTH,
	TEAM_SIZE,
	WEIGHT,
	IMAGE_MAX_BYTES,
	IMAGE_TYPES,
	type HackathonError
} from './domain';
import { HACKATHON_INFO, HACKATHON_MAPS } from './info';
import type { HackathonMe } from './views';

const activityId = id;
const teamId = id;
// Lengths are checked by the domain rules (with a clear refusal); the schemas only bound what is parsed at all.
const label = z.string().max(LABEL_MAX_LENGTH * 4);
const longText = z.string().max(DESCRIPTION_MAX_LENGTH * 4);
const link = z.string().max(LINK_MAX_LENGTH * 4);
const teamName = z.string().max(TEAM_NAME_MAX_LENGTH * 4);
const size = z.number().int().min(TEAM_SIZE.min).max(TEAM_SIZE.max);
// A score outside 1 to 5 is a rule the juror is told about (`score_range`), so the schema takes any small number.
const score = z.number().min(-1000).max(1000);
const PARTICIPANT = ['participant'] as const;
const JUROR = ['juror'] as const;
const PEOPLE = [...STAFF, 'participant'] as const;

const challengeFields = { title: label, description: longText, partner: label };

/**
 * The hackathon's commands: the facilitator's setup (settings, challenges, stages, rubric, jurors), running the day
 * (matching, pitch, judging, the audience vote, the ceremony, the showcase), the participants' profile, teams and
 * projects, the audience vote, and the jurors' scores (sent from the jury page through the same write path).
 */
const commands = {
	'hackathon:settings': {
		schema: z
			.object({
				key,
				activityId,
				settings: z
					.object({ minTeamSize: size, maxTeamSize: size, multiTeam: z.boolean(), deadline: z.number().int().min(0).max(8.64e15).nullable() })
					.partial()
					.strict()
			})
			.strict(),
		roles: STAFF
	},
	'hackathon:challenges': {
		schema: z
			.object({
				key,
				activityId,
				op: z.discriminatedUnion('type', [
					z.object({ type: z.literal('add'), ...challengeFields }).strict(),
					z.object({ type: z.literal('update'), challengeId: id, ...challengeFields }).partial({ title: true, description: true, partner: true }).strict(),
					z.object({ type: z.literal('move'), challengeId: id, toIndex: z.number().int().min(0).max(MAX_CHALLENGES) }).strict(),
					z.object({ type: z.literal('remove'), challengeId: id }).strict(),
					/** An image for the challenge (sent by the upload form over HTTP: a socket frame is too small), or null to remove it. */
					z.object({ type: z.literal('image'), challengeId: id, image: z.object({ type: z.enum(IMAGE_TYPES), base64: z.string().max(Math.ceil((IMAGE_MAX_BYTES * 4) / 3) + 4) }).strict().nullable() }).strict()
				])
			})
			.strict(),
		roles: STAFF
	},
	/** The stages, replaced as a whole (a stage keeps its id when sent with it; teams at a removed stage go to the first). */
	'hackathon:stages': {
		schema: z
			.object({
				key,
				activityId,
				stages: z.array(z.object({ id: id.optional(), name: label, checklist: z.array(label).max(MAX_CHECKLIST) }).strict()).min(1).max(MAX_STAGES)
			})
			.strict(),
		roles: STAFF
	},
	/** The rubric, replaced as a whole; refused (`rubric_locked`) once a juror has scored. */
	'hackathon:rubric': {
		schema: z
			.object({
				key,
				activityId,
				criteria: z.array(z.object({ id: id.optional(), name: label, weight: z.number().int().min(WEIGHT.min).max(WEIGHT.max) }).strict()).min(1).max(MAX_CRITERIA)
			})
			.strict(),
		roles: STAFF
	},
	'hackathon:jurors': {
		schema: z
			.object({
				key,
				activityId,
				op: z.discriminatedUnion('type', [
					z.object({ type: z.literal('add'), name: label, teamIds: z.array(id).max(500).nullable() }).strict(),
					z.object({ type: z.literal('update'), jurorId: id, name: label.optional(), teamIds: z.array(id).max(500).nullable().optional() }).strict(),
					/** A new link for the juror (the old one stops working at once). */
					z.object({ type: z.literal('renew'), jurorId: id }).strict(),
					/** The juror's link stops working; their scores go with them. */
					z.object({ type: z.literal('remove'), jurorId: id }).strict()
				])
			})
			.strict(),
		roles: STAFF
	},
	/** Forms or fills teams for everyone who asked to be matched (`matchTeams`, seeded). */
	'hackathon:match': { schema: z.object({ key, activityId, seed: z.number().int().min(0).max(2 ** 31).optional() }).strict(), roles: STAFF },
	/** The team presenting now (null: nobody); recorded as `pitched` for its members. */
	'hackathon:pitch': { schema: z.object({ key, activityId, teamId: id.nullable() }).strict(), roles: STAFF },
	'hackathon:judging': { schema: z.object({ key, activityId, closed: z.boolean() }).strict(), roles: STAFF },
	'hackathon:voting': { schema: z.object({ key, activityId, open: z.boolean().optional(), revealed: z.boolean().optional() }).strict(), roles: STAFF },
	/** One step of the ceremony: start (at the title card), next, back. */
	'hackathon:ceremony': { schema: z.object({ key, activityId, action: z.enum(['start', 'next', 'back']) }).strict(), roles: STAFF },
	/** The showcase: publish (an unlisted link), unpublish, a new link, approve a project's current version. */
	'hackathon:showcase': {
		schema: z
			.object({
				key,
				activityId,
				op: z.discriminatedUnion('type', [
					z.object({ type: z.literal('publish') }).strict(),
					z.object({ type: z.literal('unpublish') }).strict(),
					z.object({ type: z.literal('renew') }).strict(),
					z.object({ type: z.literal('approve'), teamId }).strict(),
					z.object({ type: z.literal('hide'), teamId }).strict()
				])
			})
			.strict(),
		roles: STAFF,
		whenClosed: true
	},
	'hackathon:profile': {
		schema: z
			.object({
				key,
				activityId,
				skills: z.array(z.enum(SKILLS)).max(SKILLS.length),
				interests: z.array(z.enum(INTERESTS)).max(INTERESTS.length),
				tags: z.array(z.string().max(TAG_MAX_LENGTH * 4)).max(MAX_TAGS * 2),
				challenges: z.array(id).max(MAX_CHALLENGES),
				matchMe: z.boolean()
			})
			.strict(),
		// The ack carries no profile: the sender's own devices, this one too, get it in the `me` push.
		roles: PARTICIPANT
	},
	'team:create': { schema: z.object({ key, activityId, name: teamName, challengeId: id.nullable() }).strict(), roles: PARTICIPANT, ackCarriesMe: true },
	/** Joining is decided in the command's transaction: of 20 phones for one free place exactly one gets it. */
	'team:join': { schema: z.object({ key, teamId }).strict(), roles: PARTICIPANT, ackCarriesMe: true },
	'team:leave': { schema: z.object({ key, teamId }).strict(), roles: PARTICIPANT, ackCarriesMe: true },
	/** The team's name, challenge and project fields (its members; the staff too, to moderate). */
	'team:update': {
		schema: z.object({ key, teamId, name: teamName.optional(), challengeId: id.nullable().optional(), title: label.optional(), codeUrl: link.optional(), videoUrl: link.optional() }).strict(),
		roles: PEOPLE
	},
	'team:stage': { schema: z.object({ key, teamId, stageId: id }).strict(), roles: PEOPLE },
	'team:check': { schema: z.object({ key, teamId, stageId: id, index: z.number().int().min(0).max(MAX_CHECKLIST), done: z.boolean() }).strict(), roles: PEOPLE },
	'team:submit': { schema: z.object({ key, teamId, submitted: z.boolean() }).strict(), roles: PARTICIPANT },
	/** A member's consent: the project in the showcase, and their nickname with it. Withdrawing unpublishes at once. */
	'team:consent': { schema: z.object({ key, teamId, showcase: z.boolean(), showName: z.boolean() }).strict(), roles: PARTICIPANT, ackCarriesMe: true, whenClosed: true },
	/** The staff take a team apart (moderation): its members are free again, its project and text go. */
	'team:remove': { schema: z.object({ key, teamId }).strict(), roles: STAFF },
	/** One device, one vote: the participant's audience vote, final once cast. */
	'hackathon:vote': { schema: z.object({ key, teamId }).strict(), roles: PARTICIPANT, ackCarriesMe: true },
	/** A juror's scores of one team (every criterion of the rubric) with an optional comment; changeable until judging closes. */
	'jury:score': {
		schema: z.object({ key, teamId, scores: z.record(id, score), comment: z.string().max(COMMENT_MAX_LENGTH * 4) }).strict(),
		roles: JUROR
	},
	/** A juror says they are done (or not yet); judging closes by itself when every juror is. */
	'jury:done': { schema: z.object({ key, activityId, done: z.boolean() }).strict(), roles: JUROR }
} as const;

/** The hackathon's participation events (meanings in docs/ARCHITECTURE.md, "Participation log"). */
const eventKinds = {
	'hackathon.settings.changed': 1,
	'hackathon.challenges.changed': 1,
	'hackathon.stages.changed': 1,
	'hackathon.rubric.changed': 1,
	'hackathon.jurors.changed': 1,
	'hackathon.profile.saved': 1,
	'hackathon.teams.matched': 1,
	'hackathon.team.created': 1,
	'hackathon.team.joined': 1,
	'hackathon.team.left': 1,
	'hackathon.team.removed': 1,
	'hackathon.team.edited': 1,
	'hackathon.stage.reached': 1,
	'hackathon.checklist.checked': 1,
	'hackathon.project.submitted': 1,
	'hackathon.project.withdrawn': 1,
	'hackathon.project.text_written': 1,
	'hackathon.team.pitched': 1,
	'hackathon.judging.changed': 1,
	'hackathon.voting.changed': 1,
	'hackathon.vote.cast': 1,
	'hackathon.ceremony.stepped': 1,
	'hackathon.jury.awarded': 1,
	'hackathon.audience.awarded': 1,
	'hackathon.consent.changed': 1,
	'hackathon.showcase.changed': 1
} as const;

export type HackathonEventKind = keyof typeof eventKinds;

const errorCodes = [
	'teams_closed',
	'work_closed',
	'team_full',
	'already_in_team',
	'not_in_team',
	'team_too_small',
	'team_name_taken',
	'team_name_too_long',
	'too_many_teams',
	'too_many_challenges',
	'unknown_challenge',
	'unknown_stage',
	'past_deadline',
	'bad_link',
	'size_rules',
	'not_juror',
	'not_your_group',
	'score_range',
	'judging_closed',
	'rubric_locked',
	'voting_closed',
	'own_team_vote',
	'already_voted',
	'not_submitted',
	'showcase_off',
	'nothing_to_match',
	'ceremony_not_ready',
	'text_too_long',
	'too_many_jurors',
	'bad_image'
] as const satisfies readonly HackathonError[];

export { HACKATHON_MAPS };

export const hackathonSpec = defineActivity({
	...HACKATHON_INFO,
	commands,
	eventKinds,
	errorCodes
});

export type HackathonCommands = typeof commands;
export type HackathonErrorCode = (typeof errorCodes)[number];

/** What each hackathon command's acknowledgement carries. */
export type HackathonResults = {
	'hackathon:settings': { activityId: string };
	'hackathon:challenges': { activityId: string; challengeId: string };
	'hackathon:stages': { activityId: string };
	'hackathon:rubric': { activityId: string };
	'hackathon:jurors': { activityId: string; jurorId: string };
	'hackathon:match': { activityId: string; joined: number; formed: number; unmatched: number };
	'hackathon:pitch': { activityId: string; teamId: string | null };
	'hackathon:judging': { activityId: string; closed: boolean };
	'hackathon:voting': { activityId: string; open: boolean; revealed: boolean };
	'hackathon:ceremony': { activityId: string; step: number; steps: number };
	'hackathon:showcase': { activityId: string };
	'hackathon:profile': { activityId: string };
	'team:create': { teamId: string; activityId: string };
	'team:join': { teamId: string; activityId: string };
	'team:leave': { teamId: string; activityId: string };
	'team:update': { teamId: string };
	'team:stage': { teamId: string; stageId: string };
	'team:check': { teamId: string };
	'team:submit': { teamId: string; submittedAt: number | null };
	'team:consent': { teamId: string; showcase: boolean; showName: boolean };
	'team:remove': { teamId: string };
	'hackathon:vote': { teamId: string; activityId: string };
	'jury:score': { teamId: string };
	'jury:done': { activityId: string; done: boolean; closed: boolean };
};

export type { HackathonMe };

type HackathonCommandMap = { [C in keyof HackathonCommands]: { payload: PayloadOf<HackathonCommands[C]>; result: HackathonResults[C] } };
type HackathonErrorMap = { [E in HackathonErrorCode]: true };

// The hackathon's commands and refusals join the core's typed protocol (see src/lib/protocol/commands.ts).
declare module '../../protocol/commands' {
	// eslint-disable-next-line @typescript-eslint/no-empty-object-type
	interface CommandMap extends HackathonCommandMap {}
	// eslint-disable-next-line @typescript-eslint/no-empty-object-type
	interface ErrorCodeMap extends HackathonErrorMap {}
}
