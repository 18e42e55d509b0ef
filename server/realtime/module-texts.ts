import type { Deps } from '../deps';
import type { Identity } from './identity';
import type { TextReader } from './modules';
import type { TextAccess, TextActor } from './text-docs';
import { Dirty } from './dirty';

/** The reader a module is asked about: its role and its id (account, pseudonym, or the projector link). */
function readerOf(identity: Identity): TextReader {
	return identity.role === 'facilitator'
		? { role: 'facilitator', id: identity.userId }
		: identity.role === 'participant'
			? { role: 'participant', id: identity.participantId }
			: { role: 'projector', id: identity.projectorToken };
}

/** `<activityId>.<key>`: the activity whose module decides, and the module's own name of the text. */
export function splitEntity(entity: string): { activityId: string; key: string } | null {
	const dot = entity.indexOf('.');
	return dot > 0 && dot < entity.length - 1 ? { activityId: entity.slice(0, dot), key: entity.slice(dot + 1) } : null;
}

/**
 * The text documents' access as the modules decide it: the entity names an activity of the workshop, whose module
 * answers for its texts (`ServerModule.texts`); anything else is refused. Who wrote is recorded as the module's
 * participation event, in its own transaction; what the module changed besides (marked on a Dirty) goes to `changed`,
 * the room's projection.
 */
export function moduleTextAccess(deps: Deps, changed?: (workshopId: string, dirty: Dirty) => void): TextAccess {
	const find = (workshopId: string, entity: string) => {
		const e = splitEntity(entity);
		const activity = e && deps.repos.activities.get(e.activityId);
		if (!e || !activity || activity.workshopId !== workshopId) return null;
		const texts = deps.modules.get(activity.type)?.texts;
		return texts ? { activity, key: e.key, texts } : null;
	};
	return {
		access(identity, workshopId, entity) {
			const f = find(workshopId, entity);
			if (!f) return null;
			// A closed workshop is read-only for everyone, its texts too.
			const level = f.texts.access(deps, f.activity, f.key, readerOf(identity));
			return level === 'write' && deps.repos.workshops.get(workshopId)?.status !== 'open' ? 'read' : level;
		},
		written(workshopId, entity, actor: TextActor) {
			const f = find(workshopId, entity);
			if (!f?.texts.written) return;
			const dirty = new Dirty();
			try {
				deps.db.transaction(() => {
					const event = f.texts.written!(deps, f.activity, f.key, actor, dirty);
					if (event) deps.repos.participation.append(workshopId, actor, Date.now(), [event]);
				});
			} catch (err) {
				// The workshop may be gone meanwhile (deleted); the text's own storage is not affected.
				deps.log.warn({ err, workshop: workshopId }, 'could not record a text written');
				return;
			}
			if (!dirty.empty) changed?.(workshopId, dirty);
		}
	};
}
