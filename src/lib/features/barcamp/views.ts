import type { Problem } from './planner';
import type { CampSettings, Feature, Format, Phase, ProposalStatus, SlotKind, Unplaced } from './domain';

export interface RoomView {
	id: string;
	name: string;
	capacity: number;
	features: Feature[];
}

export interface SlotView {
	id: string;
	/** Epoch milliseconds (the facilitator's laptop turned the venue's local time into instants). */
	start: number;
	end: number;
	/** `sessions` takes sessions; a `break` or a `common` event (opening, lunch, closing) takes none. */
	kind: SlotKind;
	/** The name of a break or common event ("Lunch"); empty for a session slot. */
	label: string;
}

/** The BarCamp as the room's document holds it (`barcamp.camps`, one entry per BarCamp activity). */
export interface CampView {
	id: string;
	title: string;
	phase: Phase;
	settings: CampSettings;
	rooms: RoomView[];
	/** Sorted by start. */
	slots: SlotView[];
	/** The proposal on the projector during the pitch, and when its pitch began (for the per-pitch timer). */
	pitch: { proposalId: string; startedAt: number } | null;
	/** The grid has been published: phones and the projector see the placements from now on. */
	published: boolean;
	/** Staff only: the last plan's score and what it could not place, with the reason. */
	lastPlan?: { at: number; attendable: number; overflow: number; total: number; unplaced: { proposalId: string; reason: Unplaced }[] } | null;
	/** Staff only: what the current grid breaks (host in two places, room too small, a needed feature missing). */
	problems?: Problem[];
	/** Staff only: how many people checked in to each session (proposal id to count). */
	checkins?: Record<string, number>;
}

/** A session proposal (`barcamp.proposals`). The room sees open proposals only; staff see every one. */
export interface ProposalView {
	id: string;
	activityId: string;
	title: string;
	description: string;
	format: Format;
	needs: Feature[];
	/** The proposer's nickname, or null when they chose to stay anonymous (staff see `proposerName` always). */
	proposer: string | null;
	/** Co-hosts' nicknames (co-hosts are always named: they agreed to host). */
	cohosts: string[];
	/** Position in the pitch queue (ascending). */
	position: number;
	createdAt: number;
	/** Staff only. */
	status?: ProposalStatus;
	proposerName?: string;
	rejectReason?: string | null;
	mergedInto?: string | null;
	/** Staff only: participant ids of the proposer and co-hosts (the planner's hosts). */
	hostIds?: string[];
	/** Staff only: who the facilitator confirmed as having hosted it (null: not confirmed yet). */
	hostedBy?: string[] | null;
	/** The author's own copy (in `me`): their co-hosts' ids, to edit them. */
	cohostIds?: string[];
	anonymous?: boolean;
}

/** Where a session is in the grid (`barcamp.placements`, keyed by proposal id; in the room's document once published). */
export interface PlacementView {
	proposalId: string;
	activityId: string;
	roomId: string;
	slotId: string;
	/** Staff only: the facilitator pinned it (a re-plan keeps it where it is). */
	pinned?: boolean;
	/** When it last moved after publishing, and from where: phones tell the people concerned. */
	movedAt?: number;
	from?: { roomId: string; slotId: string };
}

/** A participant's own BarCamp state (their slice of `me`). */
export interface BarcampMe {
	/** Their proposals (authored), with status and a rejection's reason. */
	proposals: ProposalView[];
	/** Proposals they host (authored or co-host), open ones only. */
	hosting: string[];
	/** Proposals they marked "I'd go". */
	interest: string[];
	/** Their check-ins: slot id to proposal id. */
	checkins: Record<string, string>;
}
