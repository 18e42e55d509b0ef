import { m } from '../../../src/lib/paraglide/messages.js';
import { localeOf } from '../../services';
import { barcampSpec, type BarcampMe, type BarcampResults } from '../../../src/lib/features/barcamp/spec';
import type { ServerModule } from '../../realtime/modules';
import { barcampPhaseChanged, handlers, preparePlan, replayResult, storedResult } from './commands';
import { projectCamps } from './projection';
import { barcampRepo, hostsOf } from './repo';
import { BUCKET, proposalView } from './views';
import { campExport, personalSchedule } from './exports';
import { BARCAMP_RULES, BARCAMP_STARTER } from '../../../src/lib/features/barcamp/badges';

const VOTERS = '$voters';

/** The BarCamp: proposals from phones, the pitch, interest, the planned grid, check-ins and session notes. */
export const barcampModule: ServerModule<typeof barcampSpec, BarcampResults> = {
	spec: barcampSpec,
	handlers,

	// The planner runs in a worker thread before the command's transaction (see preparePlan).
	prepare: { 'barcamp:plan': preparePlan },

	defaultTitle: (locale) => m.barcamp_default_title({}, { locale: localeOf(locale) }),

	create(ctx, activity) {
		barcampRepo(ctx.deps).insertCamp(activity.id, activity.workshopId, ctx.now);
		ctx.dirty.mark(BUCKET.camps, activity.id);
	},

	remove(ctx, activity) {
		const repo = barcampRepo(ctx.deps);
		for (const p of repo.proposalsOf(activity.id)) {
			for (const h of hostsOf(p)) ctx.dirty.touchMe(h);
			for (const who of repo.interestedIn(p.id)) ctx.dirty.touchMe(who);
			ctx.dirty.textsGone.add(`${activity.id}.${p.id}`);
		}
		repo.removeCamp(activity.id);
	},

	phaseChanged: barcampPhaseChanged,

	project: projectCamps,

	tally: {
		counts(deps, id) {
			const repo = barcampRepo(deps);
			return { ...repo.tally(id), [VOTERS]: repo.voters(id) };
		},
		visibleToRoom: (deps, id) => !!barcampRepo(deps).camp(id)?.settings.showCounts,
		roomCounts: (deps, id) => ({ [VOTERS]: barcampRepo(deps).voters(id) })
	},

	me(deps, workshopId, p): BarcampMe | undefined {
		const repo = barcampRepo(deps);
		const camps = new Set(repo.campsOf(workshopId).map((c) => c.id));
		if (!camps.size) return undefined;
		const own = repo.proposalsOfAuthor(workshopId, p.id).filter((x) => x.authorRole === 'participant' && camps.has(x.campId));
		const hosted = repo.proposalsHostedBy(workshopId, p.id).filter((x) => x.status === 'open' && camps.has(x.campId));
		const names = deps.services.authorNames(own.flatMap((x) => [{ authorId: x.authorId, authorRole: x.authorRole }, ...x.cohosts.map((h) => ({ authorId: h, authorRole: 'participant' }))]));
		return {
			proposals: own.map((x) => proposalView(x, names, 'own')!),
			hosting: hosted.map((x) => x.id),
			interest: repo.interestOf(p.id),
			checkins: Object.fromEntries(repo.checkinsOf(p.id).filter((c) => camps.has(c.campId)).map((c) => [c.slotId, c.proposalId]))
		};
	},

	privacy: {
		data: (deps, workshopId, participantId) => barcampRepo(deps).participantData(workshopId, participantId),
		erase(deps, workshopId, participantId, dirty) {
			const repo = barcampRepo(deps);
			// Sessions of theirs in a published grid: the room saw them, so the facilitators are told they left the plan
			// (docs/SECURITY.md, "Erasure in the BarCamp": no placeholder session, since nobody would host it).
			const published = new Set(repo.campsOf(workshopId).filter((c) => c.publishedAt !== null).map((c) => c.id));
			const planned = repo
				.proposalsOfAuthor(workshopId, participantId)
				.filter((p) => p.authorRole === 'participant' && published.has(p.campId) && repo.placement(p.id) !== null).length;
			const gone = repo.forgetParticipant(workshopId, participantId);
			for (const p of gone.proposals) {
				dirty.mark(BUCKET.proposals, p.id);
				dirty.mark(BUCKET.placements, p.id);
				dirty.textsGone.add(`${p.campId}.${p.id}`);
				for (const h of p.cohosts) dirty.touchMe(h);
			}
			for (const p of gone.cohosted) dirty.mark(BUCKET.proposals, p.id);
			for (const c of gone.campIds) {
				dirty.mark(BUCKET.camps, c);
				dirty.tallies.add(c);
			}
			return { removedItems: 0, sessionsRemoved: planned };
		}
	},

	// The People panel's counts: sessions proposed and "I'd go" marks, over every BarCamp of the workshop.
	people: {
		counts(deps, workshopId, locale) {
			const o = { locale: localeOf(locale) };
			const { proposals, interest } = barcampRepo(deps).peopleCounts(workshopId);
			const byParticipant = new Map<string, Record<string, number>>();
			for (const [id, n] of proposals) byParticipant.set(id, { 'barcamp.proposals': n });
			for (const [id, n] of interest) byParticipant.set(id, { ...byParticipant.get(id), 'barcamp.interest': n });
			return {
				labels: [
					{ key: 'barcamp.proposals', label: m.people_count_proposals({}, o) },
					{ key: 'barcamp.interest', label: m.people_count_interest({}, o) }
				],
				byParticipant
			};
		}
	},

	receipts: { stored: storedResult, replay: replayResult },

	// Its award rules and starter achievements (src/lib/features/barcamp/badges.ts).
	badges: { rules: BARCAMP_RULES, starter: BARCAMP_STARTER },

	// The shared notes of a session: `/yjs/<workshop>/text/<campId>.<proposalId>`.
	texts: {
		access(deps, activity, proposalId, who) {
			const repo = barcampRepo(deps);
			const camp = repo.camp(activity.id);
			const p = camp && repo.proposal(proposalId);
			if (!camp || !p || p.campId !== camp.id || p.status !== 'open') return null;
			const open = deps.repos.workshops.get(camp.workshopId)?.status === 'open';
			if (who.role === 'facilitator') return open ? 'write' : 'read';
			if (camp.publishedAt === null) return null;
			if (who.role === 'participant' && open && repo.placement(p.id) && (hostsOf(p).includes(who.id) || repo.isCheckedIn(p.id, who.id))) return 'write';
			return 'read';
		},
		written: (_deps, activity, proposalId) => ({ kind: 'barcamp.notes.written', activityId: activity.id, subjectId: proposalId })
	},

	exports: {
		formats: barcampSpec.exportFormats,
		render: campExport,
		personal: { formats: ['ics'], render: personalSchedule }
	}
};
