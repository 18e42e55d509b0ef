import type { CommandSpec } from '../activities/spec';
import type { SignalName } from './schemas';
import type { Role } from './events';

import type { AccessRole } from './roles';
export { STAFF, type AccessRole } from './roles';

/** Who may send each signal: only phones say whether they have unsent text. */
export const SIGNAL_ROLES: Record<SignalName, AccessRole[]> = {
	'draft:status': ['participant']
};

/** Whether a role may send a signal. */
export function maySignal(role: AccessRole, name: SignalName): boolean {
	return SIGNAL_ROLES[name].includes(role);
}

/**
 * Whether a role may send a command at all: the command's `roles` (core commands in protocol/schemas.ts, a module's
 * in its spec). This is the role model of docs/SECURITY.md; tests/integration/roles.test.ts tries every role
 * against every command of the registry.
 */
export function mayCommand(role: AccessRole, spec: Pick<CommandSpec, 'roles'>): boolean {
	return spec.roles.includes(role);
}

/** The access role of a connection's protocol role (facilitators are refined by membership). */
export function accessRoleOf(role: Role | 'juror', membership?: 'owner' | 'cofacilitator' | null): AccessRole {
	return role === 'facilitator' ? (membership ?? 'cofacilitator') : role;
}
