import { z } from 'zod';
import { defineActivity, type PayloadOf } from '../../activities/spec';
import { id, key, title } from '../../protocol/schemas';
import { STAFF } from '../../protocol/roles';
import {
	DESCRIPTION_MAX_LENGTH,
	FEATURES,
	FORMATS,
	LABEL_MAX_LENGTH,
	MAX_CAPACITY,
	MAX_COHOSTS,
	MAX_PROPOSALS_PER_PERSON_LIMIT,
	PITCH_SECONDS,
	REJECT_REASON_MAX_LENGTH,
	SLOT_KINDS,
	type BarcampError
} from './domain';
import { BARCAMP_INFO, BARCAMP_MAPS } from './info';
import type { Problem } from './planner';
import type { BarcampMe, ProposalView } from './views';

const feature = z.enum(FEATURES);
const features = z.array(feature).max(FEATURES.length);
const label = z.string().max(LABEL_MAX_LENGTH * 4);
const time = z.number().int().min(0).max(8.64e15);
const activityId = id;
const proposalFields = {
	title,
	description: z.string().max(DESCRIPTION_MAX_LENGTH * 4),
	format: z.enum(FORMATS),
	needs: features,
	cohostIds: z.array(id).max(MAX_COHOSTS),
	anonymous: z.boolean()
};

/**
 * The BarCamp's commands: the facilitator's setup (settings, rooms, slots), the proposal queue and its moderation,
 * the pitch, interest, the grid (plan, place, pin, confirm hosts) and the participants' check-ins.
 */
const commands = {
	'barcamp:settings': {
		schema: z
			.object({
				key,
				activityId,
				settings: z
					.object({
						showCounts: z.boolean(),
						pitchSeconds: z.number().int().min(PITCH_SECONDS.min).max(PITCH_SECONDS.max),
						allowAnonymous: z.boolean(),
						maxProposalsPerPerson: z.number().int().min(1).max(MAX_PROPOSALS_PER_PERSON_LIMIT)
					})
					.partial()
					.strict()
			})
			.strict(),
		roles: STAFF
	},
	'barcamp:rooms': {
		schema: z
			.object({
				key,
				activityId,
				op: z.discriminatedUnion('type', [
					z.object({ type: z.literal('add'), name: label, capacity: z.number().int().min(1).max(MAX_CAPACITY), features }).strict(),
					z.object({ type: z.literal('update'), roomId: id, name: label.optional(), capacity: z.number().int().min(1).max(MAX_CAPACITY).optional(), features: features.optional() }).strict(),
					z.object({ type: z.literal('move'), roomId: id, toIndex: z.number().int().min(0).max(100) }).strict(),
					z.object({ type: z.literal('remove'), roomId: id }).strict()
				])
			})
			.strict(),
		roles: STAFF
	},
	'barcamp:slots': {
		schema: z
			.object({
				key,
				activityId,
				op: z.discriminatedUnion('type', [
					z.object({ type: z.literal('add'), start: time, end: time, kind: z.enum(SLOT_KINDS), label: label.optional() }).strict(),
					z.object({ type: z.literal('update'), slotId: id, start: time.optional(), end: time.optional(), kind: z.enum(SLOT_KINDS).optional(), label: label.optional() }).strict(),
					z.object({ type: z.literal('remove'), slotId: id }).strict()
				])
			})
			.strict(),
		roles: STAFF
	},
	'proposal:create': { schema: z.object({ key, activityId, ...proposalFields }).strict(), roles: [...STAFF, 'participant'], ackCarriesMe: true },
	'proposal:update': { schema: z.object({ key, proposalId: id, ...proposalFields }).partial({ title: true, description: true, format: true, needs: true, cohostIds: true, anonymous: true }).strict(), roles: [...STAFF, 'participant'], ackCarriesMe: true },
	'proposal:withdraw': { schema: z.object({ key, proposalId: id }).strict(), roles: ['participant'], ackCarriesMe: true },
	'proposal:reject': { schema: z.object({ key, proposalId: id, reason: z.string().max(REJECT_REASON_MAX_LENGTH * 4) }).strict(), roles: STAFF },
	'proposal:restore': { schema: z.object({ key, proposalId: id }).strict(), roles: STAFF },
	'proposal:merge': { schema: z.object({ key, proposalId: id, intoId: id }).strict(), roles: STAFF },
	'proposal:move': { schema: z.object({ key, proposalId: id, toIndex: z.number().int().min(0).max(1000) }).strict(), roles: STAFF },
	'barcamp:pitch': { schema: z.object({ key, activityId, proposalId: id.nullable() }).strict(), roles: STAFF },
	'interest:set': { schema: z.object({ key, proposalId: id, on: z.boolean() }).strict(), roles: ['participant'], ackCarriesMe: true },
	'barcamp:plan': { schema: z.object({ key, activityId, seed: z.number().int().min(0).max(2 ** 31).optional() }).strict(), roles: STAFF },
	'barcamp:place': { schema: z.object({ key, proposalId: id, roomId: id.nullable(), slotId: id.nullable() }).strict(), roles: STAFF },
	'barcamp:pin': { schema: z.object({ key, proposalId: id, pinned: z.boolean() }).strict(), roles: STAFF },
	'barcamp:hosted': { schema: z.object({ key, proposalId: id, hostIds: z.array(id).max(MAX_COHOSTS + 1) }).strict(), roles: STAFF },
	'checkin:set': { schema: z.object({ key, proposalId: id }).strict(), roles: ['participant'], ackCarriesMe: true }
} as const;

/** The BarCamp's participation events (meanings in docs/ARCHITECTURE.md, "Participation log"). */
const eventKinds = {
	'barcamp.settings.changed': 1,
	'barcamp.rooms.changed': 1,
	'barcamp.slots.changed': 1,
	'barcamp.proposal.submitted': 1,
	'barcamp.proposal.edited': 1,
	'barcamp.proposal.withdrawn': 1,
	'barcamp.proposal.rejected': 1,
	'barcamp.proposal.restored': 1,
	'barcamp.proposal.merged': 1,
	'barcamp.proposal.moved': 1,
	'barcamp.proposal.pitched': 1,
	'barcamp.interest.given': 1,
	'barcamp.interest.withdrawn': 1,
	'barcamp.grid.planned': 1,
	'barcamp.session.placed': 1,
	'barcamp.session.pinned': 1,
	'barcamp.grid.published': 1,
	'barcamp.session.hosted': 1,
	'barcamp.session.checked_in': 1,
	'barcamp.notes.written': 1
} as const;

export type BarcampEventKind = keyof typeof eventKinds;

const errorCodes = [
	'proposals_closed',
	'editing_closed',
	'interest_closed',
	'proposal_too_long',
	'description_too_long',
	'proposal_limit',
	'proposal_gone',
	'not_proposer',
	'unknown_cohost',
	'unknown_room',
	'unknown_slot',
	'slot_times',
	'not_session_slot',
	'not_arranging',
	'not_published',
	'not_placed',
	'not_current_slot',
	'already_checked_in',
	'anonymous_off',
	'merge_self',
	'too_many_rooms',
	'too_many_slots',
	'too_many_proposals',
	'unknown_host',
	'pins_conflict'
] as const satisfies readonly BarcampError[];

export { BARCAMP_MAPS };

export const barcampSpec = defineActivity({
	...BARCAMP_INFO,
	commands,
	eventKinds,
	errorCodes
});

export type BarcampCommands = typeof commands;
export type BarcampErrorCode = (typeof errorCodes)[number];

/** What each BarCamp command's acknowledgement carries. */
export type BarcampResults = {
	'barcamp:settings': { activityId: string };
	'barcamp:rooms': { activityId: string; roomId: string };
	'barcamp:slots': { activityId: string; slotId: string };
	'proposal:create': { proposal: ProposalView };
	'proposal:update': { proposal: ProposalView };
	'proposal:withdraw': { proposalId: string };
	'proposal:reject': { proposalId: string };
	'proposal:restore': { proposalId: string };
	'proposal:merge': { proposalId: string; intoId: string };
	'proposal:move': { proposalId: string };
	'barcamp:pitch': { activityId: string; proposalId: string | null };
	'interest:set': { proposalId: string; on: boolean };
	'barcamp:plan': { activityId: string; placed: number; unplaced: number; attendable: number; overflow: number; total: number };
	'barcamp:place': { proposalId: string; swapped: string | null; problems: Problem[] };
	'barcamp:pin': { proposalId: string; pinned: boolean };
	'barcamp:hosted': { proposalId: string; hostIds: string[] };
	'checkin:set': { proposalId: string; slotId: string };
};

export type { BarcampMe };

type BarcampCommandMap = { [C in keyof BarcampCommands]: { payload: PayloadOf<BarcampCommands[C]>; result: BarcampResults[C] } };
type BarcampErrorMap = { [E in BarcampErrorCode]: true };

// The BarCamp's commands and refusals join the core's typed protocol (see src/lib/protocol/commands.ts).
declare module '../../protocol/commands' {
	// eslint-disable-next-line @typescript-eslint/no-empty-object-type
	interface CommandMap extends BarcampCommandMap {}
	// eslint-disable-next-line @typescript-eslint/no-empty-object-type
	interface ErrorCodeMap extends BarcampErrorMap {}
}
