import { getContext, setContext } from 'svelte';
import type * as Y from 'yjs';
import type { Room, RoomSlice } from '../../realtime/room.svelte';
import { BARCAMP_MAPS } from './info';
import type { BarcampResults } from './spec';
import { sortSlots } from './domain';
import type { BarcampMe, CampView, PlacementView, ProposalView } from './views';

const NO_ME: BarcampMe = { proposals: [], hosting: [], interest: [], checkins: {} };

/**
 * The BarCamp's part of a room on this device: the camps, proposals and placements of the replica (`barcamp.*` maps)
 * as runes state, the active camp (when the room follows a BarCamp), and this person's own proposals, interest and
 * check-ins.
 */
export class BarcampSlice implements RoomSlice {
	readonly type = 'barcamp';
	#camps = $state.raw<CampView[]>([]);
	#allProposals = $state.raw<ProposalView[]>([]);
	#allPlacements = $state.raw<PlacementView[]>([]);
	#doc: Y.Doc | null = null;

	#activeCamp = $derived.by(() => {
		const a = this.room.activeActivity;
		const c = a?.type === 'barcamp' ? (this.#camps.find((b) => b.id === a.id) ?? null) : null;
		return c ? { ...c, slots: sortSlots(c.slots) } : null;
	});
	#proposals = $derived.by(() => {
		const id = this.#activeCamp?.id;
		return id ? this.#allProposals.filter((p) => p.activityId === id).sort((a, b) => a.position - b.position || a.createdAt - b.createdAt) : [];
	});
	#placements = $derived.by(() => {
		const id = this.#activeCamp?.id;
		return id ? this.#allPlacements.filter((p) => p.activityId === id) : [];
	});

	constructor(readonly room: Room) {}

	get camps() {
		return this.#camps;
	}
	/** The BarCamp the room follows now, or null when the active activity is not a BarCamp. Slots sorted by start. */
	get activeCamp() {
		return this.#activeCamp;
	}
	/** The active camp's proposals the replica holds (the room: open ones; staff: all), in pitch order. */
	get proposals() {
		return this.#proposals;
	}
	/** The active camp's placements (the room's replica holds them once the grid is published). */
	get placements() {
		return this.#placements;
	}
	/** Interest counts of the active camp (staff always; the room when the setting shows them). */
	get tally(): Record<string, number> {
		const id = this.#activeCamp?.id;
		return (id && this.room.tallies[id]) || {};
	}
	/** This participant's own proposals, hosted sessions, interest and check-ins, once known. */
	get me(): BarcampMe | null {
		return this.room.mine<BarcampMe>('barcamp');
	}

	/** Interest sent but not yet acknowledged: the latest wish per proposal. */
	pendingInterest(): Map<string, boolean> {
		const out = new Map<string, boolean>();
		for (const e of this.room.pending) if (e.name === 'interest:set') out.set(e.payload.proposalId as string, e.payload.on as boolean);
		return out;
	}

	/** Whether this person marked "I'd go" on a proposal (counting what is on its way). */
	starred(proposalId: string): boolean {
		return this.pendingInterest().get(proposalId) ?? (this.me?.interest ?? []).includes(proposalId);
	}

	adopt(doc: Y.Doc) {
		this.#doc = doc;
		const camps = doc.getMap<CampView>(BARCAMP_MAPS.camps);
		const proposals = doc.getMap<ProposalView>(BARCAMP_MAPS.proposals);
		const placements = doc.getMap<PlacementView>(BARCAMP_MAPS.placements);
		let dirty = { camps: false, proposals: false, placements: false };
		camps.observe(() => (dirty.camps = true));
		proposals.observe(() => (dirty.proposals = true));
		placements.observe(() => (dirty.placements = true));
		const apply = (all: boolean) => {
			if (all || dirty.camps) this.#camps = [...camps.values()];
			if (all || dirty.proposals) this.#allProposals = [...proposals.values()];
			if (all || dirty.placements) this.#allPlacements = [...placements.values()];
			dirty = { camps: false, proposals: false, placements: false };
		};
		// One recompute per transaction, however many keys it touched.
		doc.on('afterTransaction', () => {
			if (this.#doc === doc && (dirty.camps || dirty.proposals || dirty.placements)) apply(false);
		});
		apply(true);
	}

	/** What an acknowledgement tells about this person's own BarCamp state, so it shows before the next `me` push. */
	applyAck(name: string, data: unknown, slice: unknown): BarcampMe | undefined {
		const me = (slice as BarcampMe | undefined) ?? NO_ME;
		switch (name) {
			case 'proposal:create':
			case 'proposal:update': {
				const p = (data as BarcampResults['proposal:create']).proposal;
				if (!me.proposals.some((x) => x.id === p.id) && name === 'proposal:update') return undefined;
				const proposals = me.proposals.some((x) => x.id === p.id) ? me.proposals.map((x) => (x.id === p.id ? p : x)) : [...me.proposals, p];
				return { ...me, proposals, hosting: me.hosting.includes(p.id) ? me.hosting : [...me.hosting, p.id] };
			}
			case 'proposal:withdraw': {
				const id = (data as BarcampResults['proposal:withdraw']).proposalId;
				return { ...me, proposals: me.proposals.map((x) => (x.id === id ? { ...x, status: 'withdrawn' as const } : x)), hosting: me.hosting.filter((h) => h !== id) };
			}
			case 'interest:set': {
				const v = data as BarcampResults['interest:set'];
				const rest = me.interest.filter((i) => i !== v.proposalId);
				return { ...me, interest: v.on ? [...rest, v.proposalId] : rest };
			}
			case 'checkin:set': {
				const v = data as BarcampResults['checkin:set'];
				return { ...me, checkins: { ...me.checkins, [v.slotId]: v.proposalId } };
			}
		}
		return undefined;
	}
}

const SLICES = new WeakMap<Room, BarcampSlice>();

/** The room's BarCamp part, made and joined to the room the first time a view asks (once per room). */
export function barcampSliceOf(room: Room): BarcampSlice {
	let s = SLICES.get(room);
	if (!s) SLICES.set(room, (s = room.use(new BarcampSlice(room))));
	return s;
}

const KEY = Symbol('plenum.barcamp-slice');

/** Makes the room's BarCamp part available to the components below (set by the page that created the room). */
export function setBarcampContext(b: BarcampSlice): BarcampSlice {
	return setContext(KEY, b);
}

/** The room's BarCamp part, set by an enclosing page. */
export function getBarcampContext(): BarcampSlice {
	const b = getContext<BarcampSlice | undefined>(KEY);
	if (!b) throw new Error('getBarcampContext() outside a room page');
	return b;
}
