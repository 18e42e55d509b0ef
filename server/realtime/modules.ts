import type { ActivitySpec, PayloadOf } from '../../src/lib/activities/spec';
import type { AchievementTemplate, RuleFn } from '../../src/lib/badges/types';
import type { EventActor, ParticipationEvent } from '../../src/lib/domain/participation';
import type { Result } from '../../src/lib/domain/result';
import type { DocAudience, Role } from '../../src/lib/protocol/events';
import type { Deps } from '../deps';
import type { ActivityRow } from '../db/activities';
import type { WorkshopRow } from '../db/workshops';
import type { Dirty } from './dirty';

/** What a handler may use: the repositories inside the open transaction, the actor from the session, the clock. */
/** What one module's erasure tells the facilitators (summed over the modules into `participant:erased`). */
export interface ErasureNotice {
	removedItems: number;
	sessionsRemoved?: number;
}

export interface CommandContext {
	deps: Deps;
	workshop: WorkshopRow;
	actor: EventActor;
	now: number;
	dirty: Dirty;
	/** The participation events of this command, written by the caller in the same transaction. */
	events: ParticipationEvent[];
	/** What the module's `prepare` step computed off the event loop before the transaction, if it has one and it ran. */
	prepared?: unknown;
	/**
	 * The activity with this id when it is of this type and in this workshop (else `not_found`); for a participant
	 * only while it is the active one (else `not_active`): phones act in the activity the room follows.
	 */
	activity(id: string, type: string): Result<ActivityRow, 'not_found' | 'not_active'>;
}

/** One map of a room document as a module writes it: values are plain JSON views, written only when they changed. */
export interface DocMap {
	set(key: string, value: unknown): void;
	delete(key: string): void;
	get(key: string): unknown;
	keys(): string[];
}

/** What a module's projection gets: the changes of one flush (or a whole build) for one audience's document. */
export interface ProjectContext {
	deps: Deps;
	workshop: WorkshopRow;
	audience: DocAudience;
	dirty: Dirty;
	/** This module's activities in the workshop (in order). */
	activities: ActivityRow[];
	map(name: string): DocMap;
	/** Display names of authors (participants' nicknames, facilitators' account names), cached per workshop. */
	names(authors: { authorId: string; authorRole: string }[]): Map<string, string>;
}

/** A module's answer to "what did each person do" (see `ServerModule.people`). */
export interface PeopleCounts {
	labels: { key: string; label: string }[];
	byParticipant: Map<string, Record<string, number>>;
}

/** Who is connecting to a shared text, as identity.ts resolved it. */
export type TextReader = { role: Role; id: string };

/** A command handler of a module: its payload (validated by its schema) in, its result or a refusal out. */
export type Handler<P, R> = (ctx: CommandContext, payload: P) => Result<R, string>;

/**
 * The server half of an activity type (server/features/<type>/index.ts). The core (gateway, projection, room
 * server, privacy) calls these and names no module; `handlers` must cover every command of the spec, with the
 * result type the spec's results declare.
 */
export interface ServerModule<S extends ActivitySpec = ActivitySpec, R extends { [C in keyof S['commands']]: unknown } = { [C in keyof S['commands']]: unknown }> {
	spec: S;
	handlers: { [C in keyof S['commands']]: Handler<PayloadOf<S['commands'][C]>, R[C]> };
	/**
	 * Heavy pure work for a command, done before its transaction and off the event loop (the BarCamp's planner in a
	 * worker thread): called once the command is valid and allowed; its answer reaches the handler as `ctx.prepared`.
	 * The handler must check that what was computed still fits the state (nothing may be assumed between the two
	 * steps) and compute it itself when it does not, or when `prepared` is missing (the step failed or timed out).
	 */
	prepare?: { [C in keyof S['commands']]?: (deps: Deps, workshopId: string, payload: PayloadOf<S['commands'][C]>) => Promise<unknown> };
	/** A new activity's title in the workshop's language, when the facilitator gave none. */
	defaultTitle(locale: string): string;
	/** Creates the module's own rows for a new activity (its row in `activities` exists already). */
	create(ctx: CommandContext, activity: ActivityRow): void;
	/** Removes everything the module keeps for an activity (in the command's transaction). */
	remove(ctx: CommandContext, activity: ActivityRow): void;
	/** The activity moved from phase `from` to `activity.phase` (already stored): the module's own consequences. */
	phaseChanged?(ctx: CommandContext, activity: ActivityRow, from: string): void;
	/** Writes the module's maps of the room's documents for what `ctx.dirty` says changed. */
	project(ctx: ProjectContext): void;
	/** Server-side sums per activity (dots), fanned out by the core; `visibleToRoom` says whether phones and the projector may see them now. */
	tally?: {
		counts(deps: Deps, activityId: string): Record<string, number>;
		visibleToRoom(deps: Deps, activityId: string): boolean;
		/** What the room may see while the counts are hidden (sums such as how many voted), sent to the projector; none when absent. */
		roomCounts?(deps: Deps, activityId: string): Record<string, number>;
	};
	/** This participant's personal state in this module (their slice of `me`), or undefined when it keeps none. */
	me?(deps: Deps, workshopId: string, participant: { id: string; nickname: string }): unknown;
	privacy: {
		/** Everything the module keeps about a participant, for their "show my data". */
		data(deps: Deps, workshopId: string, participantId: string): Record<string, unknown[]>;
		/**
		 * Erases a participant's things (in the erasure's transaction) and marks what the room must re-render. Returns what
		 * the facilitators are told: how many of their things stay in the room's work as "removed by its author", and how
		 * many sessions the room had seen in a published plan were taken out of it. `by`: `self` for the person's own
		 * "erase my data" (the room's structure stays, with placeholders); `staff` when the people running the workshop
		 * remove the person with their content (they chose it: everything of theirs goes, nothing stays in their name).
		 */
		erase(deps: Deps, workshopId: string, participantId: string, dirty: Dirty, by: 'self' | 'staff'): ErasureNotice | void;
	};
	/**
	 * What each participant did in this module's activities of a workshop, for the staff's People panel: count keys
	 * (`<type>.<thing>`) with their labels in `locale`, in display order, and per participant id the counts (a key
	 * missing means 0). Only reads.
	 */
	people?: {
		counts(deps: Deps, workshopId: string, locale: string): PeopleCounts;
	};
	/** Receipts name things by id: what a command's receipt keeps of its result, and the answer to a replay from it. */
	receipts?: {
		stored(name: string, value: unknown): unknown;
		/** A replay's answer from a stored result this module wrote, or null when the stored result is not its own. */
		replay(deps: Deps, workshopId: string, stored: unknown): Result<unknown, string> | null;
	};
	/**
	 * The module's pages reached by a link of their own (`/<path>/<token>`: the hackathon's `jury` and `showcase`): the
	 * workshop a token belongs to, or null. A first visit to such a link without a language choice then speaks the
	 * workshop's language, as a room link does (src/hooks.server.ts); only reads.
	 */
	links?: Record<string, (deps: Deps, token: string) => string | null>;
	/** Exports of one activity (Markdown, CSV, JSON ...): the body and what to name the file after, or null when not this workshop's. */
	exports?: {
		formats: readonly string[];
		render(deps: Deps, workshop: WorkshopRow, activity: ActivityRow, format: string, opts: { now: number; timeZone?: string }): { body: string; name: string } | null;
		/** A participant's own export (the BarCamp: their schedule as iCal), or null when the module offers none in this format now. */
		personal?: { formats: readonly string[]; render(deps: Deps, workshop: WorkshopRow, activity: ActivityRow, format: string, participantId: string, opts: { now: number }): { body: string; name: string } | null };
	};
	/**
	 * Shared texts of the module (`/yjs/<workshop>/text/<activityId>.<key>`): who may write or read the text `key`
	 * of this activity now, and what to record when someone wrote in it.
	 */
	texts?: {
		access(deps: Deps, activity: ActivityRow, key: string, who: TextReader): 'write' | 'read' | null;
		/** Runs in the transaction that appends its event; what it changes besides is marked on `dirty` (projected after the commit). */
		written?(deps: Deps, activity: ActivityRow, key: string, who: TextReader, dirty: Dirty): ParticipationEvent | null;
	};
	/**
	 * The module's part of the badge model (docs/ARCHITECTURE.md, "Badges and the CV", "The award rules"): its award
	 * rules by type (pure functions over its participation events, joined with the core's `CORE_RULES`; a type is named
	 * once across the core and the modules) and its starter achievements.
	 */
	badges?: {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		rules: Record<string, RuleFn<any>>;
		starter: AchievementTemplate[];
	};
}

/** The modules of this process, by type: given to the core by the entry (server/features/index.ts). */
export class ModuleRegistry {
	private byType = new Map<string, ServerModule>();
	private byCommand = new Map<string, ServerModule>();

	constructor(modules: readonly ServerModule[]) {
		for (const m of modules) {
			if (this.byType.has(m.spec.type)) throw new Error(`activity type "${m.spec.type}" registered twice`);
			this.byType.set(m.spec.type, m);
			for (const name of Object.keys(m.spec.commands)) {
				if (this.byCommand.has(name)) throw new Error(`command "${name}" registered twice`);
				this.byCommand.set(name, m);
			}
		}
	}

	get(type: string): ServerModule | null {
		return this.byType.get(type) ?? null;
	}

	ofCommand(name: string): ServerModule | null {
		return this.byCommand.get(name) ?? null;
	}

	all(): ServerModule[] {
		return [...this.byType.values()];
	}

	/** Every module command with its spec (for the gateway's listeners). */
	commands(): [string, ServerModule][] {
		return [...this.byCommand.entries()];
	}

	/** The workshop a module's link (`/<path>/<token>`) belongs to, or null when no module has such links or the token is unknown. */
	linkWorkshop(deps: Deps, path: string, token: string): string | null {
		for (const m of this.byType.values()) {
			const of = m.links && Object.hasOwn(m.links, path) ? m.links[path] : undefined;
			if (of) return of(deps, token);
		}
		return null;
	}

	/** The version of a participation event kind (core kinds are passed in by the caller). */
	eventVersion(kind: string): number | undefined {
		for (const m of this.byType.values()) if (Object.hasOwn(m.spec.eventKinds, kind)) return m.spec.eventKinds[kind];
		return undefined;
	}
}

