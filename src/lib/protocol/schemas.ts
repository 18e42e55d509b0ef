import { z } from 'zod';
import type { CommandSpec } from '../activities/spec';
import { TITLE_MAX_LENGTH } from '../domain/title';
import { STAFF } from './roles';

/**
 * Shared pieces of every command schema. Limits here are transport limits (generous); the domain rules apply the
 * precise ones and say why, so a person gets a clear reason rather than "invalid".
 */
export const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
export const key = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);
export const title = z.string().max(TITLE_MAX_LENGTH * 4);

const ALL = ['owner', 'cofacilitator', 'participant', 'projector'] as const;

/**
 * The core's commands: the session, the workshop's activities (add, rename, move, remove, activate, change phase),
 * the timer, closing and deleting the workshop, the projector link, the invite link and the co-facilitators, a
 * participant's own data. Each activity type
 * adds its own commands (src/lib/features/<type>/spec.ts); the registry (src/lib/features/index.ts) joins them.
 */
export const CORE_COMMANDS = {
	'session:hello': { schema: z.object({}).strict(), roles: ALL },
	'activity:add': { schema: z.object({ key, type: id, title: title.optional() }).strict(), roles: STAFF },
	'activity:rename': { schema: z.object({ key, activityId: id, title }).strict(), roles: STAFF },
	'activity:move': { schema: z.object({ key, activityId: id, toIndex: z.number().int().min(0).max(1000) }).strict(), roles: STAFF },
	'activity:remove': { schema: z.object({ key, activityId: id }).strict(), roles: STAFF },
	'activity:activate': { schema: z.object({ key, activityId: id }).strict(), roles: STAFF },
	'activity:phase': { schema: z.object({ key, activityId: id, phase: z.string().min(1).max(32) }).strict(), roles: STAFF },
	'timer:control': {
		schema: z.object({ key, action: z.enum(['start', 'pause', 'resume', 'extend', 'reset']), seconds: z.number().int().min(1).max(4 * 3600).optional() }).strict(),
		roles: STAFF
	},
	// Closing ends the room for everyone: the owner's decision (docs/SECURITY.md), like deleting.
	'workshop:close': { schema: z.object({ key }).strict(), roles: ['owner'] },
	'workshop:delete': { schema: z.object({ key, confirmCode: z.string().max(16) }).strict(), roles: ['owner'] },
	'me:data': { schema: z.object({}).strict(), roles: ['participant'] },
	'me:forget': { schema: z.object({ key }).strict(), roles: ['participant'] },
	'projector:rotate': { schema: z.object({ key }).strict(), roles: STAFF },
	'invite:rotate': { schema: z.object({ key }).strict(), roles: ['owner'] },
	'cofacilitator:remove': { schema: z.object({ key, userId: id }).strict(), roles: ['owner'] },
	// The people of the workshop (the control room's People panel): a read, answered by the gateway; the counts' labels
	// come in the asking facilitator's language.
	'people:list': { schema: z.object({ locale: z.enum(['en', 'de', 'fr']) }).strict(), roles: STAFF },
	'participant:rename': { schema: z.object({ key, participantId: id, nickname: z.string().max(200) }).strict(), roles: STAFF },
	// Removing closes the person's connections and bans their device; `content` says whether what they wrote stays
	// (shown as by a removed person) or is erased like "erase my data".
	'participant:remove': { schema: z.object({ key, participantId: id, content: z.enum(['keep', 'erase']) }).strict(), roles: STAFF }
} as const satisfies Record<string, CommandSpec>;

export type CoreCommandName = keyof typeof CORE_COMMANDS;

/**
 * Signals: what a device says about itself that counts for nothing and is never stored (no idempotency key, no
 * participation event, no replay from the outbox). They are validated, authorised and rate-limited like commands
 * and acknowledged with the same `Response`.
 */
export const signalSchemas = {
	/** Whether this phone has text in a composer of this activity that it has not sent. */
	'draft:status': z.object({ activityId: id, drafting: z.boolean() }).strict()
} as const;

export type SignalName = keyof typeof signalSchemas;
export type SignalPayload<S extends SignalName> = z.infer<(typeof signalSchemas)[S]>;
export const SIGNAL_NAMES = Object.keys(signalSchemas) as SignalName[];
