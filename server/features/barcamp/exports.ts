import type { Deps } from '../../deps';
import type { ActivityRow } from '../../db/activities';
import type { WorkshopRow } from '../../db/workshops';
import { barcampRepo } from './repo';

/** The BarCamp's exports (until the renderers land: JSON only). */
export function campExport(deps: Deps, w: WorkshopRow, activity: ActivityRow, format: string, opts: { now: number; timeZone?: string }): { body: string; name: string } | null {
	const repo = barcampRepo(deps);
	const camp = repo.camp(activity.id);
	if (!camp || camp.workshopId !== w.id) return null;
	void opts;
	if (format !== 'json') return null;
	return { body: JSON.stringify({ rooms: repo.roomsOf(camp.id), slots: repo.slotsOf(camp.id), proposals: repo.proposalsOf(camp.id), placements: repo.placementsOf(camp.id) }, null, 2), name: camp.title };
}
