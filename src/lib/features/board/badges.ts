import { inOrder, minParam, NOT_MET, perLog, result } from '../../badges/rules';
import type { AchievementTemplate, LogEvent, RuleFn, RuleParams } from '../../badges/types';

/**
 * The board's award rules over its participation events (docs/ARCHITECTURE.md, "Participation log" says what each
 * event's actor, subject, owner and payload are) and its starter achievements. Pure.
 */

/** A card as the log leaves it at its end. */
export interface LoggedCard {
	/** The participant who posted it (null: a facilitator's card). */
	author: string | null;
	status: 'visible' | 'pending' | 'hidden';
	/** Posted waiting for approval: the board asked for approval then. */
	postedPending: boolean;
	/** Its length at its last post or edit (null when the event did not say: rows carried from before the log). */
	length: number | null;
	/** Deleted by its author or removed by a facilitator (final). */
	gone: boolean;
	/** The group it is in (then it is not an item of its own to vote on), or null. */
	group: string | null;
}

/** What the board's log says at its end: every card, every group, every person's dots per item. */
export interface BoardLog {
	cards: Map<string, LoggedCard>;
	/** Groups that were created and not dissolved. */
	groups: Set<string>;
	/** voter -> item -> their dots on it now. */
	dots: Map<string, Map<string, number>>;
	/** Per board, the items of its latest vote's outcome: item -> { rank, owners }. */
	outcomes: Map<string, Map<string, { rank: number; owners: Set<string> }>>;
	/** author -> their cards' ids, in the order posted. */
	byAuthor: Map<string, string[]>;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Replays the board's events in order. Moderation as the server does it (src/lib/features/board/domain.ts): hide ->
 * hidden; show or approve -> visible; a participant's edit of a visible card that was posted waiting for approval
 * waits again (`afterTextChange`; the log does not say the status after an edit, so this assumes the board still asks
 * for approval, as it did when the card was posted). Moving a card into a group clears its dots (the server does).
 */
export function replayBoard(events: readonly LogEvent[]): BoardLog {
	// proposeAwards asks every rule for every person with the same log: it is replayed once.
	return perLog('board.replay', events, replayBoardNow);
}

function replayBoardNow(events: readonly LogEvent[]): BoardLog {
	const cards = new Map<string, LoggedCard>();
	const groups = new Set<string>();
	const dots = new Map<string, Map<string, number>>();
	const outcomes = new Map<string, Map<string, { rank: number; owners: Set<string> }>>();
	const clearItem = (item: string) => {
		for (const mine of dots.values()) mine.delete(item);
	};
	for (const e of inOrder(events)) {
		if (!e.kind.startsWith('board.')) continue;
		const id = e.subjectId;
		const card = id === null ? undefined : cards.get(id);
		switch (e.kind) {
			case 'board.card.posted': {
				if (id === null || cards.has(id)) break;
				const pending = e.payload.status === 'pending';
				cards.set(id, {
					author: e.actorRole === 'participant' ? e.actorId : null,
					status: pending ? 'pending' : 'visible',
					postedPending: pending,
					length: num(e.payload.length),
					gone: false,
					group: null
				});
				break;
			}
			case 'board.card.edited':
				if (!card || card.gone) break;
				card.length = num(e.payload.length);
				if (e.actorRole === 'participant' && card.status === 'visible' && card.postedPending) card.status = 'pending';
				break;
			case 'board.card.deleted':
			case 'board.card.removed_by_facilitator':
				if (!card) break;
				card.gone = true;
				clearItem(id!);
				break;
			case 'board.card.hidden_by_facilitator':
				if (card && !card.gone) card.status = 'hidden';
				break;
			case 'board.card.shown_by_facilitator':
			case 'board.card.approved_by_facilitator':
				if (card && !card.gone) card.status = 'visible';
				break;
			case 'board.card.moved': {
				if (!card || card.gone) break;
				const group = typeof e.payload.clusterId === 'string' ? e.payload.clusterId : null;
				if (group !== null && card.group === null) clearItem(id!);
				card.group = group;
				break;
			}
			case 'board.cluster.created':
				if (id !== null) groups.add(id);
				break;
			case 'board.cluster.removed':
				if (id === null) break;
				groups.delete(id);
				clearItem(id);
				// Its cards stand alone again (the server sets their group to none).
				for (const c of cards.values()) if (c.group === id) c.group = null;
				break;
			case 'board.vote.cast':
			case 'board.vote.withdrawn': {
				if (id === null || e.actorRole !== 'participant') break;
				if (!dots.has(e.actorId)) dots.set(e.actorId, new Map());
				const mine = dots.get(e.actorId)!;
				const before = mine.get(id) ?? 0;
				const now = num(e.payload.dots) ?? Math.max(0, before + (e.kind === 'board.vote.cast' ? 1 : -1));
				if (now > 0) mine.set(id, now);
				else mine.delete(id);
				break;
			}
			case 'board.vote.closed':
				// The latest outcome of a board stands: its outcome events follow this one.
				if (e.activityId !== null) outcomes.set(e.activityId, new Map());
				break;
			case 'board.vote.closed_outcome': {
				if (e.activityId === null || id === null) break;
				const rank = num(e.payload.rank);
				const current = outcomes.get(e.activityId);
				if (!current || rank === null) break;
				if (!current.has(id)) current.set(id, { rank, owners: new Set() });
				if (e.ownerId !== null) current.get(id)!.owners.add(e.ownerId);
				break;
			}
		}
	}
	const byAuthor = new Map<string, string[]>();
	for (const [id, c] of cards) {
		if (c.author === null) continue;
		if (!byAuthor.has(c.author)) byAuthor.set(c.author, []);
		byAuthor.get(c.author)!.push(id);
	}
	return { cards, groups, dots, outcomes, byAuthor };
}

/** Does the card still count: not deleted or removed, seen by the room (not hidden, not waiting), not empty? */
export function cardCounts(c: LoggedCard): boolean {
	return !c.gone && c.status === 'visible' && c.length !== null && c.length > 0;
}

/** Does an item (a card of its own, or a group) still count at the end of the log? */
function itemCounts(log: BoardLog, item: string): boolean {
	const card = log.cards.get(item);
	if (card) return cardCounts(card) && card.group === null;
	return log.groups.has(item);
}

/** `idea_giver` {min}: the person's cards that still count at the end of the log. */
export const ideaGiver: RuleFn = (events, person, params) => {
	const min = minParam(params);
	if (min === null) return NOT_MET;
	const log = replayBoard(events);
	const mine = [...person].flatMap((p) => log.byAuthor.get(p) ?? []).filter((id) => cardCounts(log.cards.get(id)!));
	return result(mine.length, min, mine);
};

/** `feedback_giver` {min}: the person's dots (given minus taken back) on items that still count. */
export const feedbackGiver: RuleFn = (events, person, params) => {
	const min = minParam(params);
	if (min === null) return NOT_MET;
	const log = replayBoard(events);
	let count = 0;
	const items: string[] = [];
	for (const voter of person) {
		for (const [item, n] of log.dots.get(voter) ?? []) {
			if (!itemCounts(log, item)) continue;
			count += n;
			items.push(item);
		}
	}
	return result(count, min, items);
};

/**
 * `top_idea` {min, maxRank}: the person's items (their card, or a group with a card of theirs) placed at `maxRank`
 * or better (default 3) in a board's latest vote, and still counting at the end of the log.
 */
export const topIdea: RuleFn = (events, person, params) => {
	const min = minParam(params);
	const maxRank = minParam(params, 'maxRank', 3);
	if (min === null || maxRank === null) return NOT_MET;
	const log = replayBoard(events);
	const mine: string[] = [];
	for (const items of log.outcomes.values())
		for (const [item, o] of items) if (o.rank <= maxRank && [...o.owners].some((w) => person.has(w)) && itemCounts(log, item)) mine.push(item);
	return result(mine.length, min, mine);
};

export const BOARD_RULES: Record<string, RuleFn<RuleParams>> = {
	idea_giver: ideaGiver,
	feedback_giver: feedbackGiver,
	top_idea: topIdea
};

export const BOARD_STARTER: AchievementTemplate[] = [
	{
		key: 'idea-giver',
		kind: 'badge',
		name: { en: 'Idea giver', de: 'Ideengeber·in', fr: 'Source d’idées' },
		description: {
			en: 'You shared your own ideas on the board, and they stayed there for everyone to see.',
			de: 'Du hast eigene Ideen auf die Pinnwand geschrieben, und sie sind für alle sichtbar geblieben.',
			fr: 'Tu as écrit tes propres idées sur le tableau, et elles sont restées visibles pour tout le monde.'
		},
		criteria: {
			en: 'Wrote at least 3 cards that were kept after moderation (not deleted, hidden or waiting for approval, and not empty).',
			de: 'Mindestens 3 Karten geschrieben, die nach der Moderation geblieben sind (nicht gelöscht, versteckt oder noch nicht freigegeben, und nicht leer).',
			fr: 'A écrit au moins 3 cartes gardées après la modération (ni supprimées, ni masquées, ni en attente de validation, et pas vides).'
		},
		tags: ['ideas', 'co-creation'],
		skillArea: 'creativity',
		alignment: [],
		rule: { type: 'idea_giver', params: { min: 3 } },
		requires: [],
		tier: 'standard',
		scope: 'workshop'
	},
	{
		key: 'feedback-giver',
		kind: 'badge',
		name: { en: 'Feedback giver', de: 'Feedback-Geber·in', fr: 'Donneur·se d’avis' },
		description: {
			en: 'You looked at other people’s ideas and used your votes to say which ones matter most.',
			de: 'Du hast dir die Ideen der anderen angesehen und mit deinen Stimmen gezeigt, welche am wichtigsten sind.',
			fr: 'Tu as regardé les idées des autres et tu as utilisé tes votes pour dire lesquelles comptent le plus.'
		},
		criteria: {
			en: 'Gave at least 3 votes to ideas that stayed on the board.',
			de: 'Mindestens 3 Stimmen für Ideen gegeben, die auf der Pinnwand geblieben sind.',
			fr: 'A donné au moins 3 votes à des idées restées sur le tableau.'
		},
		tags: ['feedback', 'co-creation'],
		skillArea: 'collaboration',
		alignment: [],
		rule: { type: 'feedback_giver', params: { min: 3 } },
		requires: [],
		tier: 'standard',
		scope: 'workshop'
	}
];
