import { getContext, setContext } from 'svelte';
import type * as Y from 'yjs';
import type { Room, RoomSlice } from '../../realtime/room.svelte';
import { sortByPosition } from './board-model';
import { votesUsed, type MyVotes } from './votes';
import { BOARD_MAPS } from './info';
import type { BoardMe, BoardResults } from './spec';
import { cardViewFromDoc, type BoardView, type CardView, type ClusterView, type StoredCardView } from './views';
import { m } from '$lib/paraglide/messages.js';
import type { MsgOptions } from '$lib/components/room/text';

const NO_ME: BoardMe = { cards: [], votes: {}, removed: [] };

/**
 * The board's part of a room on this device: the boards, cards and clusters of the replica (`board.*` maps) as runes
 * state, the active board (when the room follows a board), and this person's own cards and dots.
 */
export class BoardSlice implements RoomSlice {
	readonly type = 'board';
	#boards = $state.raw<BoardView[]>([]);
	#allCards = $state.raw<CardView[]>([]);
	#allClusters = $state.raw<ClusterView[]>([]);
	#cardMap = new Map<string, CardView>();
	#clusterMap = new Map<string, ClusterView>();
	#doc: Y.Doc | null = null;

	#activeBoard = $derived.by(() => {
		const a = this.room.activeActivity;
		return a?.type === 'board' ? (this.#boards.find((b) => b.id === a.id) ?? null) : null;
	});
	#cards = $derived.by(() => {
		const id = this.#activeBoard?.id;
		return id ? this.#allCards.filter((c) => c.boardId === id) : [];
	});
	#clusters = $derived.by(() => {
		const id = this.#activeBoard?.id;
		return id ? this.#allClusters.filter((c) => c.boardId === id) : [];
	});

	/** `o`: the language of the words the slice puts in (the projector speaks the workshop's); the page's when absent. */
	constructor(
		readonly room: Room,
		private readonly opts: { o?: () => MsgOptions } = {}
	) {}

	/** A card from the replica; one its author erased reads "removed by its author" wherever a card's text is shown. */
	#fromDoc(v: StoredCardView): CardView {
		const c = cardViewFromDoc(v);
		return c.removed ? { ...c, text: m.room_card_erased({}, this.opts.o?.()) } : c;
	}

	/** Every board of the workshop. */
	get boards() {
		return this.#boards;
	}
	/** The board the room follows now, or null when the active activity is not a board. */
	get activeBoard() {
		return this.#activeBoard;
	}
	/** The active board's cards, by position. */
	get cards() {
		return this.#cards;
	}
	/** The active board's clusters, by position. */
	get clusters() {
		return this.#clusters;
	}
	/** Every board's cards, by position. */
	get allCards() {
		return this.#allCards;
	}
	get allClusters() {
		return this.#allClusters;
	}
	/** The active board's vote counts. */
	get tally(): Record<string, number> {
		const id = this.#activeBoard?.id;
		return (id && this.room.tallies[id]) || {};
	}
	/** The item under discussion on the active board (a group or a card the room sees), with its title; else null. */
	get discussed(): { id: string; title: string } | null {
		const board = this.#activeBoard;
		const id = board?.phase === 'discuss' ? board.discussItemId : null;
		if (!id) return null;
		const title = this.#clusters.find((c) => c.id === id)?.title ?? this.#cards.find((c) => c.id === id)?.text;
		return title === undefined ? null : { id, title };
	}

	/** This person's dots on a board, as the server acknowledged them. */
	myVotes(boardId: string): MyVotes {
		return this.me?.votes[boardId] ?? {};
	}

	/** Dots sent on a board but not yet acknowledged, per item (net +/-). */
	pendingVotes(boardId: string): Map<string, number> {
		const out = new Map<string, number>();
		for (const e of this.room.pending) {
			if (e.name !== 'vote:cast' || e.payload.boardId !== boardId) continue;
			const id = e.payload.itemId as string;
			out.set(id, (out.get(id) ?? 0) + (e.payload.delta as number));
		}
		return out;
	}

	/** Dots this person may still place on the board, counting the ones on their way. */
	votesLeft(board: Pick<BoardView, 'id' | 'settings'>): number {
		const pending = [...this.pendingVotes(board.id).values()].reduce((a, b) => a + b, 0);
		return Math.max(0, board.settings.voteBudget - votesUsed(this.myVotes(board.id)) - pending);
	}

	/** This participant's own cards (also hidden ones) and dots, once known. */
	get me(): BoardMe | null {
		return this.room.mine<BoardMe>('board');
	}

	adopt(doc: Y.Doc) {
		this.#doc = doc;
		const boards = doc.getMap<BoardView>(BOARD_MAPS.boards);
		const cards = doc.getMap<StoredCardView>(BOARD_MAPS.cards);
		const clusters = doc.getMap<ClusterView>(BOARD_MAPS.clusters);
		let boardsDirty = false;
		const cardKeys = new Set<string>();
		const clusterKeys = new Set<string>();
		boards.observe(() => (boardsDirty = true));
		cards.observe((e) => {
			for (const k of e.keysChanged) cardKeys.add(k);
		});
		clusters.observe((e) => {
			for (const k of e.keysChanged) clusterKeys.add(k);
		});
		const apply = (all: boolean) => {
			if (all || boardsDirty) this.#boards = [...boards.values()];
			if (all) {
				this.#cardMap = new Map([...cards.entries()].map(([k, v]) => [k, this.#fromDoc(v)]));
				this.#clusterMap = new Map(clusters.entries());
			}
			if (all || cardKeys.size) {
				for (const k of cardKeys) {
					const v = cards.get(k);
					if (v) this.#cardMap.set(k, this.#fromDoc(v));
					else this.#cardMap.delete(k);
				}
				this.#allCards = sortByPosition([...this.#cardMap.values()]);
			}
			if (all || clusterKeys.size) {
				for (const k of clusterKeys) {
					const v = clusters.get(k);
					if (v) this.#clusterMap.set(k, v);
					else this.#clusterMap.delete(k);
				}
				this.#allClusters = sortByPosition([...this.#clusterMap.values()]);
			}
			boardsDirty = false;
			cardKeys.clear();
			clusterKeys.clear();
		};
		// One recompute per transaction, however many keys it touched.
		doc.on('afterTransaction', () => {
			if (this.#doc === doc && (boardsDirty || cardKeys.size || clusterKeys.size)) apply(false);
		});
		apply(true);
	}

	/** What an acknowledgement tells about this person's own cards and dots, so it shows before the next `me` push. */
	applyAck(name: string, data: unknown, slice: unknown): BoardMe | undefined {
		const me = (slice as BoardMe | undefined) ?? NO_ME;
		switch (name) {
			case 'card:create':
			case 'card:update': {
				const card = (data as BoardResults['card:create']).card;
				const cards = me.cards.some((c) => c.id === card.id) ? me.cards.map((c) => (c.id === card.id ? card : c)) : [...me.cards, card];
				return { ...me, cards };
			}
			case 'card:delete': {
				const id = (data as BoardResults['card:delete']).cardId;
				return { ...me, cards: me.cards.filter((c) => c.id !== id) };
			}
			case 'vote:cast': {
				const v = data as BoardResults['vote:cast'];
				return { ...me, votes: { ...me.votes, [v.boardId]: { ...(me.votes[v.boardId] ?? {}), [v.itemId]: v.count } } };
			}
		}
		return undefined;
	}
}

const KEY = Symbol('plenum.board-slice');

/** Makes the room's board part available to the components below (set by the page that created the room). */
export function setBoardContext(b: BoardSlice): BoardSlice {
	return setContext(KEY, b);
}

/** The room's board part, set by an enclosing page. */
export function getBoardContext(): BoardSlice {
	const b = getContext<BoardSlice | undefined>(KEY);
	if (!b) throw new Error('getBoardContext() outside a room page');
	return b;
}
