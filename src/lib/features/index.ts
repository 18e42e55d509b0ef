import type { ActivitySpec, CommandSpec } from '../activities/spec';
import { CORE_EVENT_KINDS } from '../domain/participation';
import { CORE_ERROR_CODES } from '../protocol/events';
import type { CommandName, CommandPayload, CommandResult, ErrorCode } from '../protocol/commands';
import { CORE_COMMANDS } from '../protocol/schemas';
import { boardSpec } from './board/spec';
import { barcampSpec } from './barcamp/spec';
import { hackathonSpec } from './hackathon/spec';

/**
 * The registry of activity types, shared by server and browser: one line per module. (The server's half is
 * server/features/index.ts.) The core never imports this file's modules directly; pages and the process entry pass
 * what it exports into the core.
 */
export const ACTIVITY_SPECS = {
	board: boardSpec,
	barcamp: barcampSpec,
	hackathon: hackathonSpec
} as const satisfies Record<string, ActivitySpec>;

/** What every command's acknowledgement carries, by name (from the typed protocol every module augments). */
export type CommandResults = { [C in CommandName]: CommandResult<C> };

export type ActivityType = keyof typeof ACTIVITY_SPECS;
export const ACTIVITY_TYPES = Object.keys(ACTIVITY_SPECS) as ActivityType[];
export { DEFAULT_ACTIVITY_TYPE, isActivityType } from './catalog';

const SPECS: ActivitySpec[] = Object.values(ACTIVITY_SPECS);

/** Joins named records, refusing a name two parts declare (two modules may not share a command, kind or code). */
function joinUnique<T>(what: string, parts: Record<string, T>[]): Record<string, T> {
	const out: Record<string, T> = {};
	for (const p of parts)
		for (const [k, v] of Object.entries(p)) {
			if (Object.hasOwn(out, k)) throw new Error(`${what} "${k}" is declared twice`);
			out[k] = v;
		}
	return out;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type SpecCommands = UnionToIntersection<(typeof ACTIVITY_SPECS)[ActivityType]['commands']>;
/** Every command of the protocol: the core's and each module's. */
export const COMMANDS = joinUnique<CommandSpec>('command', [CORE_COMMANDS, ...SPECS.map((s) => s.commands)]) as typeof CORE_COMMANDS & SpecCommands;
export type { CommandName, CommandPayload };
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** Every participation event kind with its version: the core's and each module's. */
export const EVENT_KINDS: Record<string, number> = joinUnique('event kind', [CORE_EVENT_KINDS, ...SPECS.map((s) => s.eventKinds)]);

/** Every refusal code (a module may reuse a core code, never another module's). */
export const ERROR_CODES = [...new Set([...CORE_ERROR_CODES, ...SPECS.flatMap((s) => s.errorCodes)])] as ErrorCode[];
export type { ErrorCode };

/** The module that declares a command, or null for a core command. */
export function moduleOfCommand(name: string): ActivityType | null {
	for (const [type, spec] of Object.entries(ACTIVITY_SPECS)) if (Object.hasOwn(spec.commands, name)) return type as ActivityType;
	return null;
}
