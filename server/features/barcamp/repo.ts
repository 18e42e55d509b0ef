import { and, asc, eq, inArray, max, ne, sql } from 'drizzle-orm';
import { activities, participants } from '../../../drizzle/schema';
import { camps, checkins, interest, placements, proposals, rooms, slots } from './schema';
import { DEFAULT_CAMP_SETTINGS, FEATURES, PHASES, sortSlots, type CampSettings, type Feature, type Format, type Phase, type ProposalStatus, type SlotKind } from '../../../src/lib/features/barcamp/domain';
import type { Db } from '../../db/client';
import { parseJson } from '../../db/damage';
import type { Deps } from '../../deps';

type CampRow = typeof camps.$inferSelect;
type ActivityRow = typeof activities.$inferSelect;
type ProposalRow = typeof proposals.$inferSelect;
type PlacementRow = typeof placements.$inferSelect;

const isObject = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v);
const isStrings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
const features = (raw: string, what: string) => parseJson<string[]>(raw, [], what, isStrings).filter((f): f is Feature => (FEATURES as readonly string[]).includes(f));

export interface Camp {
	id: string;
	workshopId: string;
	title: string;
	phase: Phase;
	settings: CampSettings;
	pitchProposalId: string | null;
	pitchStartedAt: number | null;
	publishedAt: number | null;
	lastPlan: LastPlan | null;
}
export interface LastPlan {
	at: number;
	attendable: number;
	overflow: number;
	total: number;
	unplaced: { proposalId: string; reason: string }[];
}
export interface Room {
	id: string;
	campId: string;
	name: string;
	capacity: number;
	features: Feature[];
	position: number;
}
export interface Slot {
	id: string;
	campId: string;
	start: number;
	end: number;
	kind: SlotKind;
	label: string;
}
export interface Proposal {
	id: string;
	campId: string;
	workshopId: string;
	authorId: string;
	authorRole: 'facilitator' | 'participant';
	title: string;
	description: string;
	format: Format;
	needs: Feature[];
	cohosts: string[];
	anonymous: boolean;
	status: ProposalStatus;
	rejectReason: string | null;
	mergedInto: string | null;
	hostedBy: string[] | null;
	position: number;
	createdAt: number;
	updatedAt: number;
}
export interface PlacementRec {
	proposalId: string;
	campId: string;
	roomId: string;
	slotId: string;
	pinned: boolean;
	movedAt: number | null;
	fromRoomId: string | null;
	fromSlotId: string | null;
}

function toCamp({ c, a }: { c: CampRow; a: ActivityRow }): Camp {
	return {
		id: c.id,
		workshopId: c.workshopId,
		title: a.title,
		phase: (PHASES as readonly string[]).includes(a.phase) ? (a.phase as Phase) : 'setup',
		settings: { ...DEFAULT_CAMP_SETTINGS, ...parseJson(c.settings, {}, `camp ${c.id} settings`, isObject) },
		pitchProposalId: c.pitchProposalId,
		pitchStartedAt: c.pitchStartedAt,
		publishedAt: c.publishedAt,
		lastPlan: c.lastPlan ? parseJson<LastPlan | null>(c.lastPlan, null, `camp ${c.id} plan`, isObject) : null
	};
}

function toProposal(r: ProposalRow): Proposal {
	return {
		...r,
		format: r.format as Format,
		needs: features(r.needs, `proposal ${r.id} needs`),
		cohosts: parseJson<string[]>(r.cohosts, [], `proposal ${r.id} cohosts`, isStrings),
		hostedBy: r.hostedBy === null ? null : parseJson<string[]>(r.hostedBy, [], `proposal ${r.id} hosts`, isStrings)
	};
}

/** The hosts of a proposal: its proposer when a participant, and its co-hosts. */
export function hostsOf(p: Pick<Proposal, 'authorId' | 'authorRole' | 'cohosts'>): string[] {
	return [...new Set([...(p.authorRole === 'participant' ? [p.authorId] : []), ...p.cohosts])];
}

/** Camps, rooms, slots, proposals, interest, placements and check-ins. Every method is synchronous and joins the caller's transaction. */
export class BarcampRepo {
	private q;

	constructor(private db: Db) {
		const ph = sql.placeholder;
		this.q = {
			camp: db.select({ c: camps, a: activities }).from(camps).innerJoin(activities, eq(activities.id, camps.id)).where(eq(camps.id, ph('id'))).prepare(),
			proposal: db.select().from(proposals).where(eq(proposals.id, ph('id'))).prepare(),
			hasInterest: db.select({ n: sql<number>`1` }).from(interest).where(and(eq(interest.proposalId, ph('proposalId')), eq(interest.participantId, ph('participantId')))).prepare(),
			addInterest: db.insert(interest).values({ proposalId: ph('proposalId'), participantId: ph('participantId'), campId: ph('campId'), createdAt: ph('createdAt') }).onConflictDoNothing().prepare(),
			removeInterest: db.delete(interest).where(and(eq(interest.proposalId, ph('proposalId')), eq(interest.participantId, ph('participantId')))).prepare(),
			tally: db.select({ id: interest.proposalId, n: sql<number>`count(*)` }).from(interest).where(eq(interest.campId, ph('campId'))).groupBy(interest.proposalId).prepare(),
			voters: db.select({ n: sql<number>`count(distinct ${interest.participantId})` }).from(interest).where(eq(interest.campId, ph('campId'))).prepare(),
			myInterest: db.select({ id: interest.proposalId }).from(interest).where(eq(interest.participantId, ph('participantId'))).prepare(),
			// Read as plain value arrays (`.values`): a camp of 600 has thousands of rows, and this runs on every move.
			campInterest: db.select({ p: interest.participantId, s: interest.proposalId }).from(interest).where(eq(interest.campId, ph('campId'))).prepare(),
			// A participant's own state (`me`), which every acknowledgement of a star or a proposal carries.
			campsOf: db
				.select({ c: camps, a: activities })
				.from(camps)
				.innerJoin(activities, eq(activities.id, camps.id))
				.where(eq(camps.workshopId, ph('workshopId')))
				.orderBy(asc(activities.position), asc(activities.id))
				.prepare(),
			proposalsOfAuthor: db
				.select()
				.from(proposals)
				.where(and(eq(proposals.workshopId, ph('workshopId')), eq(proposals.authorId, ph('authorId'))))
				.orderBy(asc(proposals.createdAt))
				.prepare(),
			proposalsHostedBy: db
				.select()
				.from(proposals)
				.where(and(eq(proposals.workshopId, ph('workshopId')), sql`(${proposals.authorId} = ${ph('participantId')} or exists (select 1 from json_each(${proposals.cohosts}) where value = ${ph('participantId')}))`))
				.prepare(),
			checkinsOf: db.select({ slotId: checkins.slotId, proposalId: checkins.proposalId, campId: checkins.campId }).from(checkins).where(eq(checkins.participantId, ph('participantId'))).prepare()
		};
	}

	camp(id: string): Camp | null {
		const r = this.q.camp.get({ id });
		return r ? toCamp(r) : null;
	}

	campsOf(workshopId: string): Camp[] {
		return this.q.campsOf.all({ workshopId }).map(toCamp);
	}

	insertCamp(id: string, workshopId: string, now: number) {
		this.db.insert(camps).values({ id, workshopId, settings: JSON.stringify(DEFAULT_CAMP_SETTINGS), createdAt: now }).run();
	}

	removeCamp(id: string) {
		this.db.delete(camps).where(eq(camps.id, id)).run();
	}

	setSettings(id: string, settings: CampSettings) {
		this.db.update(camps).set({ settings: JSON.stringify(settings) }).where(eq(camps.id, id)).run();
	}

	setPitch(id: string, proposalId: string | null, at: number | null) {
		this.db.update(camps).set({ pitchProposalId: proposalId, pitchStartedAt: at }).where(eq(camps.id, id)).run();
	}

	setPublished(id: string, at: number) {
		this.db.update(camps).set({ publishedAt: at }).where(eq(camps.id, id)).run();
	}

	setLastPlan(id: string, plan: LastPlan | null) {
		this.db.update(camps).set({ lastPlan: plan ? JSON.stringify(plan) : null }).where(eq(camps.id, id)).run();
	}

	// Rooms
	roomsOf(campId: string): Room[] {
		return this.db
			.select()
			.from(rooms)
			.where(eq(rooms.campId, campId))
			.orderBy(asc(rooms.position), asc(rooms.id))
			.all()
			.map((r) => ({ ...r, features: features(r.features, `room ${r.id}`) }));
	}
	insertRoom(r: Room) {
		this.db.insert(rooms).values({ ...r, features: JSON.stringify(r.features) }).run();
	}
	updateRoom(r: Room) {
		this.db.update(rooms).set({ name: r.name, capacity: r.capacity, features: JSON.stringify(r.features), position: r.position }).where(eq(rooms.id, r.id)).run();
	}
	removeRoom(id: string) {
		this.db.delete(rooms).where(eq(rooms.id, id)).run();
	}

	// Slots
	slotsOf(campId: string): Slot[] {
		return sortSlots(this.db.select().from(slots).where(eq(slots.campId, campId)).all());
	}
	insertSlot(s: Slot) {
		this.db.insert(slots).values(s).run();
	}
	updateSlot(s: Slot) {
		this.db.update(slots).set({ start: s.start, end: s.end, kind: s.kind, label: s.label }).where(eq(slots.id, s.id)).run();
	}
	removeSlot(id: string) {
		this.db.delete(slots).where(eq(slots.id, id)).run();
	}

	// Proposals
	proposal(id: string): Proposal | null {
		const r = this.q.proposal.get({ id });
		return r ? toProposal(r) : null;
	}
	proposalsOf(campId: string): Proposal[] {
		return this.db.select().from(proposals).where(eq(proposals.campId, campId)).orderBy(asc(proposals.position), asc(proposals.createdAt)).all().map(toProposal);
	}
	proposalsOfAuthor(workshopId: string, authorId: string): Proposal[] {
		return this.q.proposalsOfAuthor.all({ workshopId, authorId }).map(toProposal);
	}
	/** Every proposal of the workshop that names this participant as a host (proposer or co-host). */
	proposalsHostedBy(workshopId: string, participantId: string): Proposal[] {
		return this.q.proposalsHostedBy.all({ workshopId, participantId }).map(toProposal);
	}
	proposalCount(campId: string): number {
		return this.db.select({ n: sql<number>`count(*)` }).from(proposals).where(eq(proposals.campId, campId)).get()?.n ?? 0;
	}
	lastPosition(campId: string): number {
		return this.db.select({ p: max(proposals.position) }).from(proposals).where(eq(proposals.campId, campId)).get()?.p ?? 0;
	}
	insertProposal(p: Proposal) {
		this.db
			.insert(proposals)
			.values({ ...p, needs: JSON.stringify(p.needs), cohosts: JSON.stringify(p.cohosts), hostedBy: p.hostedBy === null ? null : JSON.stringify(p.hostedBy) })
			.run();
	}
	updateProposal(p: Proposal) {
		this.db
			.update(proposals)
			.set({
				title: p.title,
				description: p.description,
				format: p.format,
				needs: JSON.stringify(p.needs),
				cohosts: JSON.stringify(p.cohosts),
				anonymous: p.anonymous,
				status: p.status,
				rejectReason: p.rejectReason,
				mergedInto: p.mergedInto,
				hostedBy: p.hostedBy === null ? null : JSON.stringify(p.hostedBy),
				position: p.position,
				updatedAt: p.updatedAt
			})
			.where(eq(proposals.id, p.id))
			.run();
	}

	// Interest
	hasInterest(proposalId: string, participantId: string): boolean {
		return !!this.q.hasInterest.get({ proposalId, participantId });
	}
	setInterest(campId: string, proposalId: string, participantId: string, on: boolean, now: number): boolean {
		const r = on ? this.q.addInterest.run({ proposalId, participantId, campId, createdAt: now }) : this.q.removeInterest.run({ proposalId, participantId });
		return r.changes > 0;
	}
	tally(campId: string): Record<string, number> {
		return Object.fromEntries(this.q.tally.all({ campId }).map((r) => [r.id, r.n]));
	}
	voters(campId: string): number {
		return this.q.voters.get({ campId })?.n ?? 0;
	}
	interestOf(participantId: string): string[] {
		return this.q.myInterest.all({ participantId }).map((r) => r.id);
	}
	/** Who marked interest in each proposal of a camp (the planner's input). */
	interestByParticipant(campId: string): Record<string, string[]> {
		const out: Record<string, string[]> = {};
		for (const [p, s] of this.q.campInterest.values({ campId }) as [string, string][]) (out[p] ??= []).push(s);
		return out;
	}
	/** Moves the interest of one proposal to another (a merge): one mark per person. */
	moveInterest(fromId: string, intoId: string, campId: string) {
		this.db.run(sql`insert or ignore into barcamp_interest (proposal_id, participant_id, camp_id, created_at) select ${intoId}, participant_id, ${campId}, created_at from barcamp_interest where proposal_id = ${fromId}`);
		this.db.delete(interest).where(eq(interest.proposalId, fromId)).run();
	}
	clearInterest(proposalId: string) {
		this.db.delete(interest).where(eq(interest.proposalId, proposalId)).run();
	}
	interestedIn(proposalId: string): string[] {
		return this.db.select({ p: interest.participantId }).from(interest).where(eq(interest.proposalId, proposalId)).all().map((r) => r.p);
	}

	// Placements
	placementsOf(campId: string): PlacementRec[] {
		return this.db.select().from(placements).where(eq(placements.campId, campId)).all();
	}
	placement(proposalId: string): PlacementRec | null {
		return this.db.select().from(placements).where(eq(placements.proposalId, proposalId)).get() ?? null;
	}
	upsertPlacement(p: PlacementRec) {
		this.db
			.insert(placements)
			.values(p)
			.onConflictDoUpdate({ target: placements.proposalId, set: { roomId: p.roomId, slotId: p.slotId, pinned: p.pinned, movedAt: p.movedAt, fromRoomId: p.fromRoomId, fromSlotId: p.fromSlotId } })
			.run();
	}
	removePlacement(proposalId: string) {
		this.db.delete(placements).where(eq(placements.proposalId, proposalId)).run();
	}
	removePlacementsIn(campId: string, where: { roomId?: string; slotId?: string }): string[] {
		const gone = this.placementsOf(campId).filter((p) => (where.roomId && p.roomId === where.roomId) || (where.slotId && p.slotId === where.slotId));
		if (gone.length) this.db.delete(placements).where(inArray(placements.proposalId, gone.map((p) => p.proposalId))).run();
		return gone.map((p) => p.proposalId);
	}

	// Check-ins
	checkinOf(slotId: string, participantId: string): string | null {
		return this.db.select({ p: checkins.proposalId }).from(checkins).where(and(eq(checkins.slotId, slotId), eq(checkins.participantId, participantId))).get()?.p ?? null;
	}
	isCheckedIn(proposalId: string, participantId: string): boolean {
		return !!this.db.select({ n: sql`1` }).from(checkins).where(and(eq(checkins.proposalId, proposalId), eq(checkins.participantId, participantId))).get();
	}
	addCheckin(campId: string, slotId: string, participantId: string, proposalId: string, now: number): boolean {
		return this.db.insert(checkins).values({ campId, slotId, participantId, proposalId, createdAt: now }).onConflictDoNothing().run().changes > 0;
	}
	checkinsOf(participantId: string): { slotId: string; proposalId: string; campId: string }[] {
		return this.q.checkinsOf.all({ participantId });
	}
	checkinCounts(campId: string): Record<string, number> {
		return Object.fromEntries(
			this.db.select({ id: checkins.proposalId, n: sql<number>`count(*)` }).from(checkins).where(eq(checkins.campId, campId)).groupBy(checkins.proposalId).all().map((r) => [r.id, r.n])
		);
	}

	/** Is this id a participant of this workshop? */
	participantIn(workshopId: string, ids: string[]): string[] {
		if (!ids.length) return [];
		return this.db.select({ id: participants.id }).from(participants).where(and(eq(participants.workshopId, workshopId), inArray(participants.id, ids))).all().map((r) => r.id);
	}

	/** Everything kept about a participant in the workshop's BarCamps, for "Your data" (with sessions' titles and slot times). */
	participantData(workshopId: string, participantId: string): Record<string, unknown[]> {
		const own = this.proposalsOfAuthor(workshopId, participantId);
		const camps = this.campsOf(workshopId);
		const campIds = new Set(camps.map((c) => c.id));
		const title = (id: string) => this.proposal(id)?.title ?? null;
		const slotStart = new Map(camps.flatMap((c) => this.slotsOf(c.id).map((s) => [s.id, s.start] as const)));
		const marked = this.db
			.select({ proposalId: interest.proposalId, campId: interest.campId, at: interest.createdAt })
			.from(interest)
			.where(eq(interest.participantId, participantId))
			.all()
			.filter((r) => campIds.has(r.campId));
		const checkedIn = this.db
			.select({ slotId: checkins.slotId, proposalId: checkins.proposalId, campId: checkins.campId, at: checkins.createdAt })
			.from(checkins)
			.where(eq(checkins.participantId, participantId))
			.all()
			.filter((c) => campIds.has(c.campId));
		return {
			barcampProposals: own.map((p) => ({ id: p.id, title: p.title, description: p.description, format: p.format, needs: p.needs, anonymous: p.anonymous, status: p.status, rejectReason: p.rejectReason, createdAt: p.createdAt })),
			barcampCohosting: this.proposalsHostedBy(workshopId, participantId).filter((p) => p.authorId !== participantId).map((p) => ({ id: p.id, title: p.title })),
			barcampInterest: marked.map((r) => ({ proposalId: r.proposalId, title: title(r.proposalId), at: r.at })),
			barcampCheckins: checkedIn.map((c) => ({ slotId: c.slotId, proposalId: c.proposalId, title: title(c.proposalId), slotStart: slotStart.get(c.slotId) ?? null, at: c.at }))
		};
	}

	/**
	 * Erases a participant's BarCamp traces in a workshop: their proposals (with interest in them, their placements and
	 * notes' subject), their co-hosting, their interest and check-ins (the latter two also go with the participant's row).
	 */
	/** Per participant of a workshop: proposals they made (not withdrawn) and the sessions they marked "I'd go". */
	peopleCounts(workshopId: string): { proposals: Map<string, number>; interest: Map<string, number> } {
		const proposalRows = this.db
			.select({ id: proposals.authorId, n: sql<number>`count(*)` })
			.from(proposals)
			.where(and(eq(proposals.workshopId, workshopId), eq(proposals.authorRole, 'participant'), ne(proposals.status, 'withdrawn')))
			.groupBy(proposals.authorId)
			.all();
		const interestRows = this.db
			.select({ id: interest.participantId, n: sql<number>`count(*)` })
			.from(interest)
			.innerJoin(camps, eq(camps.id, interest.campId))
			.where(eq(camps.workshopId, workshopId))
			.groupBy(interest.participantId)
			.all();
		return { proposals: new Map(proposalRows.map((r) => [r.id, r.n])), interest: new Map(interestRows.map((r) => [r.id, r.n])) };
	}

	forgetParticipant(workshopId: string, participantId: string): { proposals: Proposal[]; cohosted: Proposal[]; campIds: Set<string> } {
		const own = this.proposalsOfAuthor(workshopId, participantId).filter((p) => p.authorRole === 'participant');
		const cohosted = this.proposalsHostedBy(workshopId, participantId).filter((p) => p.authorId !== participantId);
		for (const p of cohosted) this.updateProposal({ ...p, cohosts: p.cohosts.filter((c) => c !== participantId), hostedBy: p.hostedBy?.filter((h) => h !== participantId) ?? null });
		if (own.length) this.db.delete(proposals).where(inArray(proposals.id, own.map((p) => p.id))).run();
		const campIds = new Set([...own.map((p) => p.campId), ...cohosted.map((p) => p.campId)]);
		for (const r of this.db.select({ c: interest.campId }).from(interest).where(eq(interest.participantId, participantId)).all()) campIds.add(r.c);
		this.db.delete(interest).where(eq(interest.participantId, participantId)).run();
		this.db.delete(checkins).where(eq(checkins.participantId, participantId)).run();
		return { proposals: own, cohosted, campIds };
	}
}

const cache = new WeakMap<Db, BarcampRepo>();
/** The BarCamp's repository on this database (one per connection, its statements prepared once). */
export function barcampRepo(deps: Pick<Deps, 'db'>): BarcampRepo {
	let r = cache.get(deps.db);
	if (!r) cache.set(deps.db, (r = new BarcampRepo(deps.db)));
	return r;
}
