import type { EventActor, ParticipationEvent } from '../../src/lib/domain/participation';
import { ok, refuse } from '../../src/lib/domain/result';
import type { Deps } from '../deps';
import type { WorkshopRow } from '../db/workshops';
import { Dirty } from './dirty';
import type { CommandContext } from './modules';

/** A command context for one actor in one workshop now (the gateway's commands, and the HTTP side's creations). */
export function commandContext(deps: Deps, workshop: WorkshopRow, actor: EventActor, now: number, dirty = new Dirty(), events: ParticipationEvent[] = [], prepared?: unknown): CommandContext {
	return {
		deps,
		prepared,
		workshop,
		actor,
		now,
		dirty,
		events,
		activity(id, type) {
			const a = deps.repos.activities.get(id);
			if (!a || a.workshopId !== workshop.id || a.type !== type) return refuse('not_found');
			// Phones act in the activity the room follows; facilitators prepare the others too.
			if (actor.role === 'participant' && workshop.activeActivityId !== a.id) return refuse('not_active');
			return ok(a);
		}
	};
}
