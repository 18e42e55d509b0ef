import { cleanTitle } from '../src/lib/domain/title';
import { ok, refuse, type Result } from '../src/lib/domain/result';
import type { ActivityRow } from './db/activities';
import { newId } from './ids';
import type { CommandContext } from './realtime/modules';

/** Activities one workshop may hold: a full day has a handful; this only stops a runaway script. */
export const MAX_ACTIVITIES = 50;

/**
 * Adds an activity of a registered type at the end of the workshop's list, with its module's own rows, and makes
 * it the active one when nothing is active (a new workshop). Used by `activity:add` and by creating a workshop.
 */
export function addActivity(ctx: CommandContext, type: string, title: string | undefined): Result<ActivityRow, string> {
	const mod = ctx.deps.modules.get(type);
	if (!mod) return refuse('unknown_activity_type');
	const existing = ctx.deps.repos.activities.of(ctx.workshop.id);
	if (existing.length >= MAX_ACTIVITIES) return refuse('too_many_activities');
	const t = title === undefined ? ok(mod.defaultTitle(ctx.workshop.locale)) : cleanTitle(title);
	if (!t.ok) return t;
	const row: ActivityRow = {
		id: newId(),
		workshopId: ctx.workshop.id,
		type,
		title: t.value,
		phase: mod.spec.phases[0],
		position: (existing.at(-1)?.position ?? -1) + 1,
		createdAt: ctx.now
	};
	ctx.deps.repos.activities.insert(row);
	mod.create(ctx, row);
	if (!ctx.workshop.activeActivityId) {
		ctx.deps.repos.workshops.setActiveActivity(ctx.workshop.id, row.id);
		ctx.workshop = { ...ctx.workshop, activeActivityId: row.id };
		ctx.dirty.meta = true;
	}
	ctx.dirty.activities.add(row.id);
	ctx.dirty.full.add(row.id);
	ctx.events.push({ kind: 'workshop.activity.added', activityId: row.id, subjectId: row.id, payload: { type } });
	return ok(row);
}

