import { and, asc, eq, max, sql, sum } from 'drizzle-orm';
import { activities } from '../../../drizzle/schema';
import { boards, cards, clusters, keptVotes, removedCards, votes } from './schema';
import type { Board, Card, Cluster } from '../../../src/lib/features/board/domain';
import { DEFAULT_SETTINGS, PHASES, isCardPublic, type Phase } from '../../../src/lib/features/board/domain';
import type { MyVotes } from '../../../src/lib/features/board/votes';
import type { RemovedCard } from '../../../src/lib/features/board/spec';
import type { UnseenCounts } from '../../../src/lib/features/board/views';
import type { Db } from '../../db/client';
import { parseJson } from '../../db/damage';

type BoardRow = typeof boards.$inferSelect;
type ActivityRow = typeof activities.$inferSelect;

const isColumns = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((c) => c && typeof c.id === 'string' && typeof c.title === 'string');
const isLanes = (v: unknown) => Array.isArray(v) && v.every((c) => c && typeof c.id === 'string' && typeof c.title === 'string');
const isObject = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v);

/** A board: its own row, with the title and phase of its activity. */
function toBoard({ b: r, a }: { b: BoardRow; a: ActivityRow }): Board {
	return {
		id: r.id,
		workshopId: r.workshopId,
		title: a.title,
		phase: (PHASES as readonly string[]).includes(a.phase) ? (a.phase as Phase) : 'collect',
		columns: parseJson(r.columns, [{ id: 'recovered', title: '?', wipLimit: null }], `board ${r.id} columns`, isColumns),
		lanes: parseJson(r.lanes, [], `board ${r.id} lanes`, isLanes),
		settings: { ...DEFAULT_SETTINGS, ...parseJson(r.settings, {}, `board ${r.id} settings`, isObject) },
		votingClosed: r.votingClosed,
		discussItemId: r.discussItemId
	};
}

/** Boards, cards, clusters and dots. Every method is synchronous and joins the caller's transaction. */
export class BoardRepo {
	// The queries of the command path, prepared once. (drizzle builds the SQL and better-sqlite3 prepares it anew on
	// every unprepared call: a profile of a 400-phone vote burst spent most of its CPU there.)
	private q;

	constructor(private db: Db) {
		const ph = sql.placeholder;
		this.q = {
			board: db.select({ b: boards, a: activities }).from(boards).innerJoin(activities, eq(activities.id, boards.id)).where(eq(boards.id, ph('id'))).prepare(),
			card: db.select().from(cards).where(eq(cards.id, ph('id'))).prepare(),
			cluster: db.select().from(clusters).where(eq(clusters.id, ph('id'))).prepare(),
			boardsOf: db
				.select({ b: boards, a: activities })
				.from(boards)
				.innerJoin(activities, eq(activities.id, boards.id))
				.where(eq(boards.workshopId, ph('workshopId')))
				.orderBy(asc(activities.position), asc(activities.id))
				.prepare(),
			myVotes: db
				.select({ itemId: votes.itemId, count: votes.count })
				.from(votes)
				.where(and(eq(votes.boardId, ph('boardId')), eq(votes.participantId, ph('participantId'))))
				.prepare(),
			upsertVote: db
				.insert(votes)
				.values({ boardId: ph('boardId'), participantId: ph('participantId'), itemId: ph('itemId'), count: ph('count') })
				.onConflictDoUpdate({ target: [votes.participantId, votes.itemId], set: { count: sql`excluded.count` } })
				.prepare(),
			deleteVote: db.delete(votes).where(and(eq(votes.participantId, ph('participantId')), eq(votes.itemId, ph('itemId')))).prepare(),
			tally: db
				.select({ itemId: votes.itemId, n: sum(votes.count).mapWith(Number) })
				.from(votes)
				.where(eq(votes.boardId, ph('boardId')))
				.groupBy(votes.itemId)
				.prepare(),
			keptTally: db.select({ itemId: keptVotes.itemId, n: keptVotes.count }).from(keptVotes).where(eq(keptVotes.boardId, ph('boardId'))).prepare(),
			lastPosition: db
				.select({ p: max(cards.position) })
				.from(cards)
				.where(and(eq(cards.boardId, ph('boardId')), eq(cards.columnId, ph('columnId'))))
				.prepare(),
			// Kept by triggers on `cards` (migration 0002): one row read instead of counting the board on every new card.
			countCards: db.select({ n: boards.cardCount }).from(boards).where(eq(boards.id, ph('boardId'))).prepare(),
			countByAuthor: db
				.select({ n: sql<number>`count(*)` })
				.from(cards)
				.where(and(eq(cards.authorId, ph('authorId')), eq(cards.boardId, ph('boardId'))))
				.prepare(),
			unseen: db
				.select({
					pending: sql<number>`coalesce(sum(${cards.status} = 'pending'), 0)`,
					hidden: sql<number>`coalesce(sum(${cards.status} = 'hidden'), 0)`,
					unrevealed: sql<number>`coalesce(sum(${cards.status} = 'visible' and ${cards.revealed} = 0), 0)`
				})
				.from(cards)
				.where(eq(cards.boardId, ph('boardId')))
				.prepare(),
			removedOf: db
				.select({ cardId: removedCards.cardId, boardId: removedCards.boardId, excerpt: removedCards.excerpt, removedAt: removedCards.removedAt })
				.from(removedCards)
				.innerJoin(boards, eq(boards.id, removedCards.boardId))
				.where(and(eq(boards.workshopId, ph('workshopId')), eq(removedCards.participantId, ph('participantId'))))
				.orderBy(asc(removedCards.removedAt))
				.prepare(),
			insertCard: db
				.insert(cards)
				.values({
					id: ph('id'),
					boardId: ph('boardId'),
					authorId: ph('authorId'),
					authorRole: ph('authorRole'),
					text: ph('text'),
					columnId: ph('columnId'),
					laneId: ph('laneId'),
					clusterId: ph('clusterId'),
					position: ph('position'),
					status: ph('status'),
					revealed: ph('revealed'),
					createdAt: ph('createdAt'),
					updatedAt: ph('createdAt')
				})
				.prepare(),
			authorCards: db
				.select({ c: cards })
				.from(cards)
				.innerJoin(boards, eq(boards.id, cards.boardId))
				.where(and(eq(boards.workshopId, ph('workshopId')), eq(cards.authorId, ph('authorId'))))
				.orderBy(asc(cards.createdAt))
				.prepare(),
			participantVotes: db.select().from(votes).where(eq(votes.participantId, ph('participantId'))).prepare()
		};
	}

	/** The board's own row for an activity that exists (its title and phase are the activity's). */
	insertBoard(b: Omit<Board, 'title' | 'phase'>, now: number) {
		this.db
			.insert(boards)
			.values({
				id: b.id,
				workshopId: b.workshopId,
				columns: JSON.stringify(b.columns),
				lanes: JSON.stringify(b.lanes),
				settings: JSON.stringify(b.settings),
				votingClosed: b.votingClosed,
				discussItemId: b.discussItemId,
				createdAt: now
			})
			.run();
	}

	/** Stores the board's own fields (columns, lanes, settings, voting, discussion); not its title or phase. */
	saveBoard(b: Board) {
		this.db
			.update(boards)
			.set({
				columns: JSON.stringify(b.columns),
				lanes: JSON.stringify(b.lanes),
				settings: JSON.stringify(b.settings),
				votingClosed: b.votingClosed,
				discussItemId: b.discussItemId
			})
			.where(eq(boards.id, b.id))
			.run();
	}

	board(id: string): Board | null {
		const r = this.q.board.get({ id });
		return r ? toBoard(r) : null;
	}

	boardsOf(workshopId: string): Board[] {
		return this.q.boardsOf.all({ workshopId }).map(toBoard);
	}

	card(id: string): Card | null {
		return (this.q.card.get({ id }) as Card | undefined) ?? null;
	}

	cardsOf(boardId: string): Card[] {
		return this.db.select().from(cards).where(eq(cards.boardId, boardId)).orderBy(asc(cards.position)).all() as Card[];
	}

	cardsByAuthor(boardId: string, authorId: string): Card[] {
		return this.db.select().from(cards).where(and(eq(cards.boardId, boardId), eq(cards.authorId, authorId))).orderBy(asc(cards.createdAt)).all() as Card[];
	}

	/** Cards of the board the room does not see, by why: private until the reveal, awaiting approval, hidden. */
	unseen(boardId: string, privateUntilReveal: boolean): UnseenCounts {
		const r = this.q.unseen.get({ boardId });
		return { private: privateUntilReveal ? Number(r?.unrevealed ?? 0) : 0, pending: Number(r?.pending ?? 0), hidden: Number(r?.hidden ?? 0) };
	}

	/** Keeps the start of a participant's card that a facilitator removed, to tell its author (see `removedOf`). */
	recordRemoval(r: RemovedCard & { participantId: string }) {
		this.db.insert(removedCards).values(r).onConflictDoNothing().run();
	}

	/** A participant's cards that a facilitator removed, in a workshop, oldest first. */
	removedOf(workshopId: string, participantId: string): RemovedCard[] {
		return this.q.removedOf.all({ workshopId, participantId });
	}

	/** Every card a participant wrote in a workshop, over all its boards. */
	cardsOfAuthorInWorkshop(workshopId: string, authorId: string): Card[] {
		return this.q.authorCards.all({ workshopId, authorId }).map((r) => r.c as Card);
	}

	/** A participant's dots on every board of a workshop. */
	/** Per participant of a workshop: the cards they wrote (any status) and the dots they placed, on all its boards. */
	peopleCounts(workshopId: string): { cards: Map<string, number>; votes: Map<string, number> } {
		const cardRows = this.db
			.select({ id: cards.authorId, n: sql<number>`count(*)` })
			.from(cards)
			.innerJoin(boards, eq(boards.id, cards.boardId))
			.where(and(eq(boards.workshopId, workshopId), eq(cards.authorRole, 'participant')))
			.groupBy(cards.authorId)
			.all();
		const voteRows = this.db
			.select({ id: votes.participantId, n: sql<number>`sum(${votes.count})` })
			.from(votes)
			.innerJoin(boards, eq(boards.id, votes.boardId))
			.where(eq(boards.workshopId, workshopId))
			.groupBy(votes.participantId)
			.all();
		return { cards: new Map(cardRows.map((r) => [r.id, r.n])), votes: new Map(voteRows.map((r) => [r.id, r.n])) };
	}

	votesOfParticipant(participantId: string): Record<string, MyVotes> {
		const out: Record<string, MyVotes> = {};
		for (const r of this.q.participantVotes.all({ participantId })) (out[r.boardId] ??= {})[r.itemId] = r.count;
		return out;
	}

	countCards(boardId: string): number {
		return this.q.countCards.get({ boardId })?.n ?? 0;
	}

	/** Cards one author has on a board now. */
	countCardsBy(boardId: string, authorId: string): number {
		return this.q.countByAuthor.get({ boardId, authorId })?.n ?? 0;
	}

	/** The largest position in a column, to append after it. */
	lastPosition(boardId: string, columnId: string): number | null {
		return this.q.lastPosition.get({ boardId, columnId })?.p ?? null;
	}

	insertCard(c: Card) {
		this.q.insertCard.run({ ...c, revealed: c.revealed ? 1 : 0 } as never);
	}

	updateCard(id: string, patch: Partial<Omit<Card, 'id' | 'boardId'>>, now: number) {
		this.db.update(cards).set({ ...patch, updatedAt: now }).where(eq(cards.id, id)).run();
	}

	deleteCard(id: string) {
		this.db.delete(cards).where(eq(cards.id, id)).run();
		this.db.delete(votes).where(eq(votes.itemId, id)).run();
		this.db.delete(keptVotes).where(eq(keptVotes.itemId, id)).run();
	}

	/** Reveals every card of the board; returns how many changed. */
	revealAll(boardId: string, now: number): number {
		return this.db.update(cards).set({ revealed: true, updatedAt: now }).where(and(eq(cards.boardId, boardId), eq(cards.revealed, false))).run().changes;
	}

	moveColumnCards(boardId: string, from: string, to: string) {
		this.db.update(cards).set({ columnId: to }).where(and(eq(cards.boardId, boardId), eq(cards.columnId, from))).run();
		this.db.update(clusters).set({ columnId: to }).where(and(eq(clusters.boardId, boardId), eq(clusters.columnId, from))).run();
	}

	clearLane(boardId: string, laneId: string) {
		this.db.update(cards).set({ laneId: null }).where(and(eq(cards.boardId, boardId), eq(cards.laneId, laneId))).run();
		this.db.update(clusters).set({ laneId: null }).where(and(eq(clusters.boardId, boardId), eq(clusters.laneId, laneId))).run();
	}

	cluster(id: string): Cluster | null {
		return (this.q.cluster.get({ id }) as Cluster | undefined) ?? null;
	}

	clustersOf(boardId: string): Cluster[] {
		return this.db.select().from(clusters).where(eq(clusters.boardId, boardId)).orderBy(asc(clusters.position)).all() as Cluster[];
	}

	insertCluster(c: Cluster) {
		this.db.insert(clusters).values(c).run();
	}

	updateCluster(id: string, patch: Partial<Pick<Cluster, 'title' | 'columnId' | 'laneId' | 'position'>>) {
		this.db.update(clusters).set(patch).where(eq(clusters.id, id)).run();
	}

	/** Dissolves a cluster: its cards stay where they are, outside any cluster; its dots are returned. */
	/** What the board keeps about a participant in a workshop: their cards and their dots. */
	participantData(workshopId: string, participantId: string) {
		return {
			cards: this.db
				.select({ id: cards.id, boardId: cards.boardId, text: cards.text, status: cards.status, createdAt: cards.createdAt })
				.from(cards)
				.innerJoin(boards, eq(boards.id, cards.boardId))
				.where(and(eq(cards.authorId, participantId), eq(boards.workshopId, workshopId)))
				.all(),
			votes: this.db
				.select({ boardId: votes.boardId, itemId: votes.itemId, count: votes.count })
				.from(votes)
				.innerJoin(boards, eq(boards.id, votes.boardId))
				.where(and(eq(votes.participantId, participantId), eq(boards.workshopId, workshopId)))
				.all(),
			removedByFacilitator: this.removedOf(workshopId, participantId)
		};
	}

	/**
	 * Erases a participant's board data in a workshop (docs/SECURITY.md, "Erasure"). A card the room could see stays
	 * in its place as "removed by its author": its text and author are wiped, its column, lane, group and dots stay.
	 * A card the room never saw (private until reveal, awaiting approval, hidden) is deleted with the dots on it.
	 * Their own dots become anonymous counts (`kept_votes`), so the ranking does not change under the room.
	 * Returns the deleted cards, the cards kept as removed, and the boards touched.
	 */
	forgetParticipant(
		workshopId: string,
		participantId: string,
		now: number,
		keepStructure = true
	): { cards: { id: string; boardId: string }[]; kept: { id: string; boardId: string }[]; boardIds: string[] } {
		const own = this.db
			.select({ c: cards })
			.from(cards)
			.innerJoin(boards, eq(boards.id, cards.boardId))
			.where(and(eq(cards.authorId, participantId), eq(cards.authorRole, 'participant'), eq(boards.workshopId, workshopId)))
			.all()
			.map((r) => r.c as Card);
		const boardOf = new Map<string, Board | null>();
		const gone: { id: string; boardId: string }[] = [];
		const kept: { id: string; boardId: string }[] = [];
		for (const c of own) {
			if (!boardOf.has(c.boardId)) boardOf.set(c.boardId, this.board(c.boardId));
			const b = boardOf.get(c.boardId);
			if (keepStructure && b && isCardPublic(c, b)) {
				this.db.update(cards).set({ text: '', authorId: '', erasedAt: now, updatedAt: now }).where(eq(cards.id, c.id)).run();
				kept.push({ id: c.id, boardId: c.boardId });
			} else {
				this.deleteCard(c.id);
				gone.push({ id: c.id, boardId: c.boardId });
			}
		}
		const voted = this.db.select().from(votes).where(eq(votes.participantId, participantId)).all();
		for (const v of keepStructure ? voted : [])
			this.db
				.insert(keptVotes)
				.values({ boardId: v.boardId, itemId: v.itemId, count: v.count })
				.onConflictDoUpdate({ target: [keptVotes.boardId, keptVotes.itemId], set: { count: sql`${keptVotes.count} + excluded.count` } })
				.run();
		this.db.delete(votes).where(eq(votes.participantId, participantId)).run();
		for (const r of this.removedOf(workshopId, participantId)) this.db.delete(removedCards).where(eq(removedCards.cardId, r.cardId)).run();
		return { cards: gone, kept, boardIds: [...new Set([...own.map((c) => c.boardId), ...voted.map((v) => v.boardId)])] };
	}

	/** Removes a board with its cards, clusters and dots (its activity is removed by the core). */
	removeBoard(id: string) {
		this.db.delete(votes).where(eq(votes.boardId, id)).run();
		this.db.delete(keptVotes).where(eq(keptVotes.boardId, id)).run();
		this.db.delete(removedCards).where(eq(removedCards.boardId, id)).run();
		this.db.delete(cards).where(eq(cards.boardId, id)).run();
		this.db.delete(clusters).where(eq(clusters.boardId, id)).run();
		this.db.delete(boards).where(eq(boards.id, id)).run();
	}

	deleteCluster(id: string) {
		this.db.update(cards).set({ clusterId: null }).where(eq(cards.clusterId, id)).run();
		this.db.delete(clusters).where(eq(clusters.id, id)).run();
		this.db.delete(votes).where(eq(votes.itemId, id)).run();
		this.db.delete(keptVotes).where(eq(keptVotes.itemId, id)).run();
	}

	/** Removes the dots on an item that stopped being votable (for example a card moved into a cluster). */
	clearVotesOn(itemId: string): { voters: string[]; changed: boolean } {
		const voters = this.db.select({ p: votes.participantId }).from(votes).where(eq(votes.itemId, itemId)).all();
		this.db.delete(votes).where(eq(votes.itemId, itemId)).run();
		const kept = this.db.delete(keptVotes).where(eq(keptVotes.itemId, itemId)).run().changes;
		return { voters: voters.map((v) => v.p), changed: voters.length > 0 || kept > 0 };
	}

	myVotes(boardId: string, participantId: string): MyVotes {
		return Object.fromEntries(this.q.myVotes.all({ boardId, participantId }).map((r) => [r.itemId, r.count]));
	}

	setVote(boardId: string, participantId: string, itemId: string, count: number) {
		if (count <= 0) this.q.deleteVote.run({ participantId, itemId });
		else this.q.upsertVote.run({ boardId, participantId, itemId, count });
	}

	/** Dots per item on a board, summed on the server. */
	tally(boardId: string): Record<string, number> {
		const out: Record<string, number> = Object.fromEntries(this.q.tally.all({ boardId }).map((r) => [r.itemId, r.n]));
		// Dots of people who erased their data, counted like any other (an indexed read of a table that is nearly always empty).
		for (const r of this.q.keptTally.all({ boardId })) out[r.itemId] = (out[r.itemId] ?? 0) + r.n;
		return out;
	}

	/** The participants with dots on the board. */
	votersOf(boardId: string): string[] {
		return this.db.selectDistinct({ p: votes.participantId }).from(votes).where(eq(votes.boardId, boardId)).all().map((r) => r.p);
	}

	/** How many people have voted on the board. */
	voterCount(boardId: string): number {
		return this.db.select({ n: sql<number>`count(distinct ${votes.participantId})` }).from(votes).where(eq(votes.boardId, boardId)).get()?.n ?? 0;
	}
}

const repos = new WeakMap<Db, BoardRepo>();

/** The board repository of a process's database (one per connection, its queries prepared once). */
export function boardRepo(deps: { db: Db }): BoardRepo {
	let r = repos.get(deps.db);
	if (!r) repos.set(deps.db, (r = new BoardRepo(deps.db)));
	return r;
}
