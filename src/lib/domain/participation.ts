/**
 * The participation log's vocabulary: what can happen in a workshop, named `<activity type>.<thing>.<what happened>`
 * (`workshop.` for the core), each with the version of its payload's shape. These are the core's kinds; every
 * activity type declares its own in its spec (`eventKinds`), and the registry (src/lib/features/index.ts) joins
 * them. The badge model reads only these events; their meaning is written down in docs/ARCHITECTURE.md
 * ("Participation log"). A kind's meaning never changes: a new meaning is a new kind, a new payload shape a new
 * version.
 */
export const CORE_EVENT_KINDS = {
	'workshop.participant.joined': 1,
	'workshop.timer.changed': 1,
	'workshop.closed': 1,
	'workshop.projector_link.rotated': 1,
	'workshop.invite_link.rotated': 1,
	'workshop.cofacilitator.removed': 1,
	'workshop.participant.renamed': 1,
	'workshop.participant.removed': 1,
	'workshop.activity.added': 1,
	'workshop.activity.renamed': 1,
	'workshop.activity.moved': 1,
	'workshop.activity.removed': 1,
	'workshop.activity.activated': 1,
	'workshop.activity.phase_changed': 1
} as const;

/** A core participation event kind. */
export type CoreEventKind = keyof typeof CORE_EVENT_KINDS;

/** Who did it: a facilitator (account id) or a participant (workshop pseudonym id). */
export interface EventActor {
	/** A juror (a hackathon's jury link) sends only the jury's commands. */
	role: 'facilitator' | 'participant' | 'juror';
	id: string;
}

/**
 * One participation event as a handler records it. `activityId` is the activity (null for workshop-wide events);
 * `subjectId` the thing it is about (the card, the cluster, the voted item ...); `ownerId` the participant whose
 * thing the subject is (a card's author) when that is a participant; `payload` holds ids, counts and enums only,
 * never text a person typed.
 */
export interface ParticipationEvent<K extends string = string> {
	kind: K;
	activityId: string | null;
	subjectId: string | null;
	ownerId?: string | null;
	payload?: Record<string, string | number | boolean | null>;
}

/** A voted item's place when voting closed: standard competition ranking (1, 2, 2, 4) over items with dots. */
export interface RankedOutcome {
	itemId: string;
	rank: number;
	dots: number;
}

/** Ranks the items that received at least one dot, as the export and the projector do (most dots first). */
export function rankOutcome(items: { id: string; createdAt: number }[], tally: Record<string, number>): RankedOutcome[] {
	const voted = items
		.map((i) => ({ ...i, dots: tally[i.id] ?? 0 }))
		.filter((i) => i.dots > 0)
		.sort((a, b) => b.dots - a.dots || a.createdAt - b.createdAt || a.id.localeCompare(b.id));
	// Sorted by dots, the first item with these dots sits at the place they share.
	let rank = 0;
	return voted.map((i, n) => {
		if (n === 0 || voted[n - 1].dots !== i.dots) rank = n + 1;
		return { itemId: i.id, rank, dots: i.dots };
	});
}
