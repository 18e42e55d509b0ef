import { exportCsv, exportIcs, exportJson, exportMarkdown, type CampExportModel } from '../../../src/lib/features/barcamp/export';
import type { Deps } from '../../deps';
import type { ActivityRow } from '../../db/activities';
import type { WorkshopRow } from '../../db/workshops';
import { localeOf } from '../../services';
import { campExportWords } from './export-words';
import { barcampRepo, hostsOf } from './repo';

/** The domain the calendar's UIDs are named in (stable across exports, so a calendar app updates its events). */
const UID_DOMAIN = 'plenum.barcamp';

/** One camp's export model: its rooms, slots, every open proposal with its place, counts, hosts and notes. */
function campModel(deps: Deps, w: WorkshopRow, campId: string, now: number): CampExportModel | null {
	const repo = barcampRepo(deps);
	const camp = repo.camp(campId);
	if (!camp || camp.workshopId !== w.id) return null;
	const proposals = repo.proposalsOf(camp.id).filter((p) => p.status === 'open');
	const names = deps.services.authorNames(proposals.flatMap((p) => [{ authorId: p.authorId, authorRole: p.authorRole }, ...hostsOf(p).map((h) => ({ authorId: h, authorRole: 'participant' }))]));
	const placements = new Map(repo.placementsOf(camp.id).map((p) => [p.proposalId, p]));
	const tally = repo.tally(camp.id);
	const checkins = repo.checkinCounts(camp.id);
	const prefix = `${camp.id}.`;
	const notes = new Map([...deps.notifier.texts(deps.repos.texts.snapshotsOf(w.id, prefix), w.id, prefix)].map(([entity, text]) => [entity.slice(prefix.length), text]));
	return {
		workshop: { title: w.title, code: w.code, locale: w.locale },
		camp: { id: camp.id, title: camp.title },
		rooms: repo.roomsOf(camp.id).map((r) => ({ id: r.id, name: r.name, capacity: r.capacity, features: r.features })),
		slots: repo.slotsOf(camp.id).map((s) => ({ id: s.id, start: s.start, end: s.end, kind: s.kind, label: s.label })),
		sessions: proposals.map((p) => ({
			id: p.id,
			title: p.title,
			description: p.description,
			format: p.format,
			needs: p.needs,
			proposer: names.get(p.authorId) ?? null,
			anonymous: p.anonymous,
			cohosts: p.cohosts.map((c) => names.get(c) ?? ''),
			hostedBy: p.hostedBy === null ? null : p.hostedBy.map((h) => names.get(h) ?? ''),
			roomId: placements.get(p.id)?.roomId ?? null,
			slotId: placements.get(p.id)?.slotId ?? null,
			interest: tally[p.id] ?? 0,
			checkins: checkins[p.id] ?? 0,
			notes: notes.get(p.id) ?? ''
		})),
		now
	};
}

/** The BarCamp's exports for the facilitator: Markdown (grid and notes), CSV, iCal of the whole day, JSON. */
export function campExport(deps: Deps, w: WorkshopRow, activity: ActivityRow, format: string, opts: { now: number; timeZone?: string }): { body: string; name: string } | null {
	const model = campModel(deps, w, activity.id, opts.now);
	if (!model) return null;
	const words = campExportWords(localeOf(w.locale), opts.timeZone);
	const body =
		format === 'md'
			? exportMarkdown(model, words)
			: format === 'csv'
				? exportCsv(model, words)
				: format === 'ics'
					? exportIcs(model, { calendarName: `${w.title} – ${model.camp.title}`, uidDomain: UID_DOMAIN, words })
					: exportJson(model);
	return { body, name: model.camp.title };
}

/**
 * A participant's own schedule of a published BarCamp as iCal: the sessions they host, marked "I'd go" on or checked
 * in to. Null when the camp is not this workshop's or not published yet.
 */
export function personalSchedule(deps: Deps, w: WorkshopRow, activity: ActivityRow, _format: string, participantId: string, { now }: { now: number }): { body: string; name: string } | null {
	const repo = barcampRepo(deps);
	const camp = repo.camp(activity.id);
	if (!camp || camp.workshopId !== w.id || camp.publishedAt === null) return null;
	const model = campModel(deps, w, camp.id, now)!;
	const mine = new Set([
		...repo.proposalsHostedBy(w.id, participantId).map((p) => p.id),
		...repo.interestOf(participantId),
		...repo.checkinsOf(participantId).map((c) => c.proposalId)
	]);
	const words = campExportWords(localeOf(w.locale));
	// exportIcs names hosts as the room sees them (never an anonymous proposer) and carries no notes.
	return { body: exportIcs(model, { calendarName: `${w.title} – ${camp.title}`, uidDomain: UID_DOMAIN, only: mine, words }), name: camp.title };
}
