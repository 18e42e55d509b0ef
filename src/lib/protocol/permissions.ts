import type { CommandName, SignalName } from './schemas';
import type { Role } from './events';

/** A facilitator is either the workshop's owner or a co-facilitator who joined through the invite link. */
export type AccessRole = 'owner' | 'cofacilitator' | 'participant' | 'projector';

const STAFF: AccessRole[] = ['owner', 'cofacilitator'];

/**
 * Who may send each command at all (phase rules come on top, in the domain). This table is the role model of
 * docs/SECURITY.md, and tests/integration/roles.test.ts tries every role against every command.
 */
export const COMMAND_ROLES: Record<CommandName, AccessRole[]> = {
	'session:hello': ['owner', 'cofacilitator', 'participant', 'projector'],
	'card:create': [...STAFF, 'participant'],
	'card:update': [...STAFF, 'participant'],
	'card:delete': [...STAFF, 'participant'],
	'card:move': STAFF,
	'card:moderate': STAFF,
	'cluster:create': STAFF,
	'cluster:update': STAFF,
	'cluster:delete': STAFF,
	'vote:cast': ['participant'],
	'board:create': STAFF,
	'board:activate': STAFF,
	'board:update': STAFF,
	'board:columns': STAFF,
	'board:lanes': STAFF,
	'board:phase': STAFF,
	'board:voting': STAFF,
	'board:discuss': STAFF,
	'timer:control': STAFF,
	'workshop:close': STAFF,
	'workshop:delete': ['owner'],
	'projector:rotate': STAFF,
	'me:data': ['participant'],
	'me:forget': ['participant']
};

/** Who may send each signal: only phones say whether they have unsent text. */
export const SIGNAL_ROLES: Record<SignalName, AccessRole[]> = {
	'draft:status': ['participant']
};

/** Whether a role may send a signal. */
export function maySignal(role: AccessRole, name: SignalName): boolean {
	return SIGNAL_ROLES[name].includes(role);
}

/** Whether a role may send a command. */
export function mayCommand(role: AccessRole, name: CommandName): boolean {
	return COMMAND_ROLES[name].includes(role);
}

/** The access role of a connection's protocol role (facilitators are refined by membership). */
export function accessRoleOf(role: Role, membership?: 'owner' | 'cofacilitator' | null): AccessRole {
	return role === 'facilitator' ? (membership ?? 'cofacilitator') : role;
}
