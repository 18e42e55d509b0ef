import { BARCAMP_MAPS } from '../../../src/lib/features/barcamp/info';
import type { ProjectContext } from '../../realtime/modules';
import { gridProblems } from './commands';
import { barcampRepo, type Camp } from './repo';
import { BUCKET, campView, placementView, proposalView } from './views';

/**
 * Writes the BarCamp's maps of one room document (`barcamp.camps`, `barcamp.proposals`, `barcamp.placements`) for
 * what changed: whole camps (`dirty.full`: built, phase changed, removed), camp rows, single proposals and
 * placements. The public document holds open proposals only and the grid only once it is published.
 */
export function projectCamps(ctx: ProjectContext) {
	const repo = barcampRepo(ctx.deps);
	const campsMap = ctx.map(BARCAMP_MAPS.camps);
	const proposalsMap = ctx.map(BARCAMP_MAPS.proposals);
	const placementsMap = ctx.map(BARCAMP_MAPS.placements);
	const staff = ctx.audience === 'staff';
	const cache = new Map<string, Camp | null>();
	const camp = (id: string) => {
		if (!cache.has(id)) {
			const c = repo.camp(id);
			cache.set(id, c && c.workshopId === ctx.workshop.id ? c : null);
		}
		return cache.get(id)!;
	};
	const gridVisible = (c: Camp | null) => !!c && (staff || c.publishedAt !== null);
	const full = [...ctx.dirty.full].filter((id) => camp(id) || campsMap.get(id) !== undefined);
	for (const id of new Set([...ctx.dirty.get(BUCKET.camps), ...full])) {
		const c = camp(id);
		if (!c) campsMap.delete(id);
		else {
			const v = campView(c, repo.roomsOf(id), repo.slotsOf(id), ctx.audience, staff ? gridProblems(ctx.deps, id) : null);
			if (staff) v.checkins = repo.checkinCounts(id);
			campsMap.set(id, v);
		}
	}
	const fullSet = new Set(full);
	for (const id of full) {
		const c = camp(id);
		const keep = new Set<string>();
		if (c) {
			const list = repo.proposalsOf(id);
			const names = ctx.names(list.flatMap((p) => [{ authorId: p.authorId, authorRole: p.authorRole }, ...p.cohosts.map((h) => ({ authorId: h, authorRole: 'participant' }))]));
			for (const p of list) {
				const v = proposalView(p, names, ctx.audience);
				if (v) {
					keep.add(p.id);
					proposalsMap.set(p.id, v);
				}
			}
		}
		for (const key of proposalsMap.keys()) if (!keep.has(key) && (proposalsMap.get(key) as { activityId: string }).activityId === id) proposalsMap.delete(key);
		const keepPl = new Set<string>();
		if (gridVisible(c))
			for (const pl of repo.placementsOf(id)) {
				keepPl.add(pl.proposalId);
				placementsMap.set(pl.proposalId, placementView(pl, ctx.audience));
			}
		for (const key of placementsMap.keys()) if (!keepPl.has(key) && (placementsMap.get(key) as { activityId: string }).activityId === id) placementsMap.delete(key);
	}
	for (const id of ctx.dirty.get(BUCKET.proposals)) {
		const p = repo.proposal(id);
		if (p && fullSet.has(p.campId)) continue;
		const v = p && camp(p.campId) ? proposalView(p, ctx.names([{ authorId: p.authorId, authorRole: p.authorRole }, ...p.cohosts.map((h) => ({ authorId: h, authorRole: 'participant' }))]), ctx.audience) : null;
		if (v) proposalsMap.set(id, v);
		else proposalsMap.delete(id);
	}
	for (const id of ctx.dirty.get(BUCKET.placements)) {
		const pl = repo.placement(id);
		if (pl && fullSet.has(pl.campId)) continue;
		if (pl && gridVisible(camp(pl.campId))) placementsMap.set(id, placementView(pl, ctx.audience));
		else placementsMap.delete(id);
	}
}
