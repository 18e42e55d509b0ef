import { byPosition } from '../../src/lib/activities/spec';
import { cleanTitle } from '../../src/lib/domain/title';
import { cleanNickname } from '../../src/lib/domain/nickname';
import { extendTimer, idleTimer, pauseTimer, resumeTimer, startTimer, timerAfterPhaseChange, type TimerState } from '../../src/lib/domain/timer';
import { ok, refuse, type Result } from '../../src/lib/domain/result';
import type { CoreResults } from '../../src/lib/protocol/events';
import type { CoreCommandName, CORE_COMMANDS } from '../../src/lib/protocol/schemas';
import type { PayloadOf } from '../../src/lib/activities/spec';
import { parseTimer } from '../db/workshops';
import type { ActivityRow } from '../db/activities';
import { addActivity } from '../activities';
export { MAX_ACTIVITIES } from '../activities';
import type { CommandContext, ModuleRegistry } from './modules';
import type { Deps } from '../deps';
import type { EventActor } from '../../src/lib/domain/participation';
import { commandContext } from './context';

/** Commands the gateway answers itself (reading, privacy, deletion) rather than through a handler. */
export type SpecialCommand = 'session:hello' | 'me:data' | 'me:forget' | 'workshop:delete' | 'people:list' | 'participant:remove';
type CoreHandled = Exclude<CoreCommandName, SpecialCommand>;
type Handlers = { [C in CoreHandled]: (ctx: CommandContext, p: PayloadOf<(typeof CORE_COMMANDS)[C]>) => Result<CoreResults[C], string> };

/** The activity with this id in this workshop (any type), for the staff's activity commands. */
function activityOf(ctx: CommandContext, id: string): Result<ActivityRow, 'not_found'> {
	const a = ctx.deps.repos.activities.get(id);
	return a && a.workshopId === ctx.workshop.id ? ok(a) : refuse('not_found');
}

const handlers: Handlers = {
	'activity:add'(ctx, p) {
		const r = addActivity(ctx, p.type, p.title);
		return r.ok ? ok({ activityId: r.value.id }) : r;
	},

	'activity:rename'(ctx, p) {
		const a = activityOf(ctx, p.activityId);
		if (!a.ok) return a;
		const t = cleanTitle(p.title);
		if (!t.ok) return t;
		ctx.deps.repos.activities.rename(a.value.id, t.value);
		ctx.dirty.activities.add(a.value.id);
		ctx.dirty.full.add(a.value.id);
		ctx.events.push({ kind: 'workshop.activity.renamed', activityId: a.value.id, subjectId: a.value.id });
		return ok({ activityId: a.value.id });
	},

	'activity:move'(ctx, p) {
		const a = activityOf(ctx, p.activityId);
		if (!a.ok) return a;
		const order = byPosition(ctx.deps.repos.activities.of(ctx.workshop.id)).map((x) => x.id).filter((id) => id !== a.value.id);
		order.splice(Math.min(p.toIndex, order.length), 0, a.value.id);
		ctx.deps.repos.activities.reorder(ctx.workshop.id, order);
		for (const id of order) ctx.dirty.activities.add(id);
		ctx.events.push({ kind: 'workshop.activity.moved', activityId: a.value.id, subjectId: a.value.id, payload: { toIndex: order.indexOf(a.value.id) } });
		return ok({ activityId: a.value.id });
	},

	'activity:remove'(ctx, p) {
		const a = activityOf(ctx, p.activityId);
		if (!a.ok) return a;
		const all = byPosition(ctx.deps.repos.activities.of(ctx.workshop.id));
		if (all.length <= 1) return refuse('last_activity');
		ctx.deps.modules.get(a.value.type)?.remove(ctx, a.value);
		ctx.deps.repos.activities.remove(a.value.id);
		// The room follows the next activity in the list (or the one before, when the last one goes).
		if (ctx.workshop.activeActivityId === a.value.id) {
			const i = all.findIndex((x) => x.id === a.value.id);
			const next = all[i + 1] ?? all[i - 1];
			ctx.deps.repos.workshops.setActiveActivity(ctx.workshop.id, next.id);
			ctx.dirty.meta = true;
		}
		ctx.dirty.activities.add(a.value.id);
		ctx.dirty.full.add(a.value.id);
		ctx.dirty.tallies.add(a.value.id);
		ctx.events.push({ kind: 'workshop.activity.removed', activityId: a.value.id, subjectId: a.value.id, payload: { type: a.value.type } });
		return ok({ activityId: a.value.id });
	},

	'activity:activate'(ctx, p) {
		const a = activityOf(ctx, p.activityId);
		if (!a.ok) return a;
		ctx.deps.repos.workshops.setActiveActivity(ctx.workshop.id, a.value.id);
		ctx.dirty.meta = true;
		ctx.events.push({ kind: 'workshop.activity.activated', activityId: a.value.id, subjectId: a.value.id });
		return ok({ activityId: a.value.id });
	},

	'activity:phase'(ctx, p) {
		const a = activityOf(ctx, p.activityId);
		if (!a.ok) return a;
		const mod = ctx.deps.modules.get(a.value.type);
		if (!mod || !mod.spec.phases.includes(p.phase)) return refuse('invalid_payload');
		const from = a.value.phase;
		ctx.deps.repos.activities.setPhase(a.value.id, p.phase);
		// The log reads cause before consequence: the phase change, then what the module records because of it.
		ctx.events.push({ kind: 'workshop.activity.phase_changed', activityId: a.value.id, subjectId: a.value.id, payload: { type: a.value.type, phase: p.phase, from } });
		mod.phaseChanged?.(ctx, { ...a.value, phase: p.phase }, from);
		ctx.dirty.activities.add(a.value.id);
		ctx.dirty.full.add(a.value.id);
		ctx.dirty.tallies.add(a.value.id);
		// "Time's up" belongs to the phase that just ended; a countdown still running carries on.
		const timer = parseTimer(ctx.workshop.timer);
		const after = timerAfterPhaseChange(timer, ctx.now);
		if (after !== timer) {
			ctx.deps.repos.workshops.setTimer(ctx.workshop.id, after);
			ctx.dirty.meta = true;
		}
		return ok({ activityId: a.value.id, phase: p.phase });
	},

	'timer:control'(ctx, p) {
		const current = parseTimer(ctx.workshop.timer);
		const ms = (p.seconds ?? 60) * 1000;
		const next: TimerState =
			p.action === 'start'
				? startTimer(ctx.now, ms)
				: p.action === 'pause'
					? pauseTimer(current, ctx.now)
					: p.action === 'resume'
						? resumeTimer(current, ctx.now)
						: p.action === 'extend'
							? extendTimer(current, ctx.now, ms)
							: idleTimer;
		ctx.deps.repos.workshops.setTimer(ctx.workshop.id, next);
		ctx.dirty.meta = true;
		ctx.events.push({ kind: 'workshop.timer.changed', activityId: null, subjectId: ctx.workshop.id, payload: { action: p.action } });
		return ok({ timer: next });
	},

	'workshop:close'(ctx) {
		ctx.deps.repos.workshops.close(ctx.workshop.id, ctx.now);
		ctx.dirty.meta = true;
		ctx.events.push({ kind: 'workshop.closed', activityId: null, subjectId: ctx.workshop.id });
		return ok({ workshopId: ctx.workshop.id });
	},

	'projector:rotate'(ctx) {
		const token = ctx.deps.repos.workshops.rotateProjectorToken(ctx.workshop.id);
		ctx.events.push({ kind: 'workshop.projector_link.rotated', activityId: null, subjectId: ctx.workshop.id });
		return ok({ projectorToken: token });
	},

	'invite:rotate'(ctx) {
		const token = ctx.deps.repos.workshops.rotateInviteToken(ctx.workshop.id);
		ctx.events.push({ kind: 'workshop.invite_link.rotated', activityId: null, subjectId: ctx.workshop.id });
		return ok({ inviteToken: token });
	},

	'cofacilitator:remove'(ctx, p) {
		// Only a co-facilitator's membership goes; the owner (or anyone not a member) is `not_found`.
		if (!ctx.deps.repos.workshops.removeCofacilitator(ctx.workshop.id, p.userId)) return refuse('not_found');
		ctx.events.push({ kind: 'workshop.cofacilitator.removed', activityId: null, subjectId: p.userId });
		return ok({ userId: p.userId });
	},

	'participant:rename'(ctx, p) {
		// Staff rename an offensive nickname: the same rules as joining, and still one name per workshop.
		const row = ctx.deps.repos.workshops.participantRow(p.participantId);
		if (!row || row.workshopId !== ctx.workshop.id || row.removedAt !== null) return refuse('not_found');
		const n = cleanNickname(p.nickname);
		if (!n.ok) return n;
		if (n.value !== row.nickname && !ctx.deps.repos.workshops.renameParticipant(row.id, n.value)) return refuse('nickname_taken');
		// Their phone's `me`, and every card or proposal that shows their name.
		ctx.dirty.touchMe(row.id);
		for (const a of ctx.deps.repos.activities.of(ctx.workshop.id)) ctx.dirty.full.add(a.id);
		// The person is the owner, not the subject: erasure forgets owners, so the log keeps nothing pointing at an erased pseudonym.
		ctx.events.push({ kind: 'workshop.participant.renamed', activityId: null, subjectId: null, ownerId: row.id });
		return ok({ participantId: row.id, nickname: n.value });
	}
};

/** A command's handler: its module's, or the core's; null for a name nobody handles (or the gateway's own). */
export function handlerFor(modules: ModuleRegistry, name: string): ((ctx: CommandContext, payload: unknown) => Result<unknown, string>) | null {
	const mod = modules.ofCommand(name);
	if (mod) return (mod.handlers as Record<string, (ctx: CommandContext, payload: unknown) => Result<unknown, string>>)[name] ?? null;
	return isCoreHandled(name) ? (ctx, payload) => handleCoreCommand(name, ctx, payload) : null;
}

/**
 * Applies one command directly, as the gateway would after its checks, in one transaction with its participation
 * events, without a receipt and without telling the room: for seeding a database (the benchmark) and for tests.
 * Throws on a refusal (which rolls back).
 */
export function applyCommand(deps: Deps, workshopId: string, actor: EventActor, name: string, payload: Record<string, unknown>, now = Date.now()): unknown {
	const handler = handlerFor(deps.modules, name);
	if (!handler) throw new Error(`${name} has no handler`);
	return deps.db.transaction(() => {
		const ctx = commandContext(deps, deps.repos.workshops.get(workshopId)!, actor, now);
		const r = handler(ctx, { key: 'applied-directly', ...payload });
		if (!r.ok) throw new Error(`${name}: ${r.reason}`);
		deps.repos.participation.append(workshopId, actor, now, ctx.events);
		return r.value;
	});
}

/** Whether a command is one of the core's with a handler here. */
export function isCoreHandled(name: string): name is CoreHandled {
	return Object.hasOwn(handlers, name);
}

/** Runs one core command's rule and writes inside the caller's transaction. */
export function handleCoreCommand(name: CoreHandled, ctx: CommandContext, payload: unknown): Result<unknown, string> {
	return (handlers[name] as (ctx: CommandContext, p: unknown) => Result<unknown, string>)(ctx, payload);
}
