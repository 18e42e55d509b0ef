import { z } from 'zod';
import { CARD_MAX_LENGTH, MAX_CARDS_PER_PERSON_LIMIT, MAX_VOTE_SETTING, PHASES, TITLE_MAX_LENGTH } from '../features/board/domain';

/**
 * The zod schemas of every command a client may send. Limits here are transport limits (generous); the domain
 * rules apply the precise ones and say why, so a person gets a clear reason rather than "invalid".
 */
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const key = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);
const text = z.string().max(CARD_MAX_LENGTH * 4);
const title = z.string().max(TITLE_MAX_LENGTH * 4);

export const schemas = {
	'session:hello': z.object({}).strict(),
	'card:create': z.object({ key, boardId: id, text, columnId: id.optional(), laneId: id.nullable().optional() }).strict(),
	'card:update': z.object({ key, cardId: id, text }).strict(),
	'card:delete': z.object({ key, cardId: id }).strict(),
	'card:move': z
		.object({ key, cardId: id, columnId: id, laneId: id.nullable().optional(), clusterId: id.nullable().optional(), beforeId: id.nullable().optional() })
		.strict(),
	'card:moderate': z.object({ key, cardId: id, action: z.enum(['hide', 'show', 'approve']) }).strict(),
	'cluster:create': z.object({ key, boardId: id, title, columnId: id.optional(), cardIds: z.array(id).max(200).optional() }).strict(),
	'cluster:update': z.object({ key, clusterId: id, title: title.optional(), columnId: id.optional(), laneId: id.nullable().optional() }).strict(),
	'cluster:delete': z.object({ key, clusterId: id }).strict(),
	'vote:cast': z.object({ key, boardId: id, itemId: id, delta: z.union([z.literal(1), z.literal(-1)]) }).strict(),
	'board:create': z.object({ key, title }).strict(),
	'board:activate': z.object({ key, boardId: id }).strict(),
	'board:update': z
		.object({
			key,
			boardId: id,
			title: title.optional(),
			settings: z
				.object({
					privateUntilReveal: z.boolean(),
					anonymous: z.boolean(),
					requireApproval: z.boolean(),
					voteBudget: z.number().int().min(1).max(MAX_VOTE_SETTING),
					maxPerItem: z.number().int().min(1).max(MAX_VOTE_SETTING),
					hideCountsUntilClosed: z.boolean(),
					maxCardsPerPerson: z.number().int().min(1).max(MAX_CARDS_PER_PERSON_LIMIT),
					showLimitsToRoom: z.boolean()
				})
				.partial()
				.strict()
				.optional()
		})
		.strict(),
	'board:columns': z
		.object({
			key,
			boardId: id,
			op: z.discriminatedUnion('type', [
				z.object({ type: z.literal('add'), title }).strict(),
				z.object({ type: z.literal('rename'), columnId: id, title }).strict(),
				z.object({ type: z.literal('move'), columnId: id, toIndex: z.number().int().min(0).max(100) }).strict(),
				z.object({ type: z.literal('remove'), columnId: id }).strict(),
				z.object({ type: z.literal('wip'), columnId: id, limit: z.number().int().min(1).max(999).nullable() }).strict()
			])
		})
		.strict(),
	'board:lanes': z
		.object({
			key,
			boardId: id,
			op: z.discriminatedUnion('type', [
				z.object({ type: z.literal('add'), title }).strict(),
				z.object({ type: z.literal('rename'), laneId: id, title }).strict(),
				z.object({ type: z.literal('move'), laneId: id, toIndex: z.number().int().min(0).max(100) }).strict(),
				z.object({ type: z.literal('remove'), laneId: id }).strict()
			])
		})
		.strict(),
	'board:phase': z.object({ key, boardId: id, phase: z.enum(PHASES) }).strict(),
	'board:voting': z.object({ key, boardId: id, closed: z.boolean() }).strict(),
	'board:discuss': z.object({ key, boardId: id, itemId: id.nullable() }).strict(),
	'timer:control': z
		.object({ key, action: z.enum(['start', 'pause', 'resume', 'extend', 'reset']), seconds: z.number().int().min(1).max(4 * 3600).optional() })
		.strict(),
	'workshop:close': z.object({ key }).strict(),
	'workshop:delete': z.object({ key, confirmCode: z.string().max(16) }).strict(),
	'me:data': z.object({}).strict(),
	'me:forget': z.object({ key }).strict(),
	'projector:rotate': z.object({ key }).strict()
} as const;

export type CommandName = keyof typeof schemas;
export type CommandPayload<C extends CommandName> = z.infer<(typeof schemas)[C]>;
export const COMMAND_NAMES = Object.keys(schemas) as CommandName[];

/**
 * Signals: what a device says about itself that counts for nothing and is never stored (no idempotency key, no
 * participation event, no replay from the outbox). They are validated, authorised and rate-limited like commands
 * and acknowledged with the same `Response`.
 */
export const signalSchemas = {
	/** Whether this phone has text in its card composer that it has not sent (per board). */
	'draft:status': z.object({ boardId: id, drafting: z.boolean() }).strict()
} as const;

export type SignalName = keyof typeof signalSchemas;
export type SignalPayload<S extends SignalName> = z.infer<(typeof signalSchemas)[S]>;
export const SIGNAL_NAMES = Object.keys(signalSchemas) as SignalName[];
