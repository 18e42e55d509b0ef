import type { z } from 'zod';
import type { AccessRole } from '../protocol/roles';

/**
 * One command of the protocol: its payload schema (zod, strict), who may send it at all (phase rules come on top,
 * in the module's domain), and whether its acknowledgement carries the sender's whole change of their own state
 * (then the sender's other devices get a `me` push, but not the sending connection).
 */
export interface CommandSpec<S extends z.ZodType = z.ZodType> {
	schema: S;
	roles: readonly AccessRole[];
	ackCarriesMe?: boolean;
	/** Also applied once the workshop is closed (a showcase published afterwards, a consent withdrawn later). */
	whenClosed?: boolean;
}

export type CommandSpecs = Record<string, CommandSpec>;

/**
 * What an activity type declares on both sides (the shared half of a module): its phases in their usual order (the
 * first is where a new activity starts), its commands, its participation event kinds with their versions, its
 * refusal codes (each with a translated message `error_<code>`), and the namespaced maps it writes into the room's
 * documents. The server half (handlers, projection, tallies, personal state, privacy, exports) is in
 * server/features/<type>/, the client half (state slice, components) in src/lib/features/<type>/.
 */
export interface ActivitySpec<T extends string = string, P extends string = string, C extends CommandSpecs = CommandSpecs, E extends string = string> {
	type: T;
	phases: readonly P[];
	commands: C;
	eventKinds: Record<string, number>;
	errorCodes: readonly E[];
	docMaps: Record<string, string>;
	/** The file formats of an activity's export (its server module renders them). */
	exportFormats: readonly string[];
}

/** Declares an activity type, keeping its literal names for the type system. */
export function defineActivity<const T extends string, const P extends string, C extends CommandSpecs, const E extends string>(spec: ActivitySpec<T, P, C, E>) {
	return spec;
}

/** A command's payload type. */
export type PayloadOf<S extends CommandSpec> = z.infer<S['schema']>;

/** An activity as the room's document shows it (the `activities` map): the same for every type. */
export interface ActivityView {
	id: string;
	type: string;
	title: string;
	phase: string;
	/** Order within the workshop (ascending). */
	position: number;
}

/** Sorts activities in their workshop's order. */
export function byPosition<T extends { position: number; id: string }>(list: T[]): T[] {
	return [...list].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
}
