import { getContext, setContext } from 'svelte';
import type * as Y from 'yjs';
import type { Room, RoomSlice } from '../../realtime/room.svelte';
import { HACKATHON_MAPS } from './info';
import type { HackathonResults } from './spec';
import type { HackathonMe, HackView, TeamView } from './views';

const NO_ME: HackathonMe = { profiles: {}, teams: [], votes: {}, consents: {} };

/**
 * The hackathon's part of a room on this device: the hackathons and teams of the replica (`hackathon.*` maps) as
 * runes state, the active hackathon (when the room follows one), its teams, and this person's profile, teams, vote
 * and consents.
 */
export class HackathonSlice implements RoomSlice {
	readonly type = 'hackathon';
	#hacks = $state.raw<HackView[]>([]);
	#allTeams = $state.raw<TeamView[]>([]);
	#doc: Y.Doc | null = null;

	#activeHack = $derived.by(() => {
		const a = this.room.activeActivity;
		return a?.type === 'hackathon' ? (this.#hacks.find((h) => h.id === a.id) ?? null) : null;
	});
	#teams = $derived.by(() => {
		const id = this.#activeHack?.id;
		return id ? this.#allTeams.filter((t) => t.activityId === id).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)) : [];
	});

	constructor(readonly room: Room) {}

	get hacks() {
		return this.#hacks;
	}
	/** The hackathon the room follows now, or null when the active activity is not a hackathon. */
	get activeHack() {
		return this.#activeHack;
	}
	/** The active hackathon's teams, oldest first. */
	get teams() {
		return this.#teams;
	}
	/** Audience votes of the active hackathon per team id, plus `$voters` (staff always; the room once revealed, else only `$voters`). */
	get tally(): Record<string, number> {
		const id = this.#activeHack?.id;
		return (id && this.room.tallies[id]) || {};
	}
	/** This participant's own profile, teams, vote and consents, once known. */
	get me(): HackathonMe | null {
		return this.room.mine<HackathonMe>('hackathon');
	}
	/** The active hackathon's teams this person is in. */
	get myTeams(): TeamView[] {
		const mine = new Set(this.me?.teams ?? []);
		return this.#teams.filter((t) => mine.has(t.id));
	}

	adopt(doc: Y.Doc) {
		this.#doc = doc;
		const hacks = doc.getMap<HackView>(HACKATHON_MAPS.hacks);
		const teams = doc.getMap<TeamView>(HACKATHON_MAPS.teams);
		let dirty = { hacks: false, teams: false };
		hacks.observe(() => (dirty.hacks = true));
		teams.observe(() => (dirty.teams = true));
		const apply = (all: boolean) => {
			if (all || dirty.hacks) this.#hacks = [...hacks.values()];
			if (all || dirty.teams) this.#allTeams = [...teams.values()];
			dirty = { hacks: false, teams: false };
		};
		// One recompute per transaction, however many keys it touched.
		doc.on('afterTransaction', () => {
			if (this.#doc === doc && (dirty.hacks || dirty.teams)) apply(false);
		});
		apply(true);
	}

	/** What an acknowledgement tells about this person's own hackathon state, so it shows before the next `me` push. */
	applyAck(name: string, data: unknown, slice: unknown): HackathonMe | undefined {
		const me = (slice as HackathonMe | undefined) ?? NO_ME;
		switch (name) {
			case 'team:create':
			case 'team:join': {
				const v = data as HackathonResults['team:join'];
				return me.teams.includes(v.teamId) ? undefined : { ...me, teams: [...me.teams, v.teamId] };
			}
			case 'team:leave': {
				const v = data as HackathonResults['team:leave'];
				return { ...me, teams: me.teams.filter((t) => t !== v.teamId) };
			}
			case 'hackathon:vote': {
				const v = data as HackathonResults['hackathon:vote'];
				return { ...me, votes: { ...me.votes, [v.activityId]: v.teamId } };
			}
			case 'team:consent': {
				const v = data as HackathonResults['team:consent'];
				return { ...me, consents: { ...me.consents, [v.teamId]: { showcase: v.showcase, showName: v.showName } } };
			}
		}
		return undefined;
	}
}

const SLICES = new WeakMap<Room, HackathonSlice>();

/** The room's hackathon part, made and joined to the room the first time a view asks (once per room). */
export function hackathonSliceOf(room: Room): HackathonSlice {
	let s = SLICES.get(room);
	if (!s) SLICES.set(room, (s = room.use(new HackathonSlice(room))));
	return s;
}

const KEY = Symbol('plenum.hackathon-slice');

/** Makes the room's hackathon part available to the components below (set by the page that created the room). */
export function setHackathonContext(h: HackathonSlice): HackathonSlice {
	return setContext(KEY, h);
}

/** The room's hackathon part, set by an enclosing page. */
export function getHackathonContext(): HackathonSlice {
	const h = getContext<HackathonSlice | undefined>(KEY);
	if (!h) throw new Error('getHackathonContext() outside a room page');
	return h;
}
