import type { Deps } from '../../deps';
import { isCardPublic } from '../../../src/lib/features/board/domain';
import { boardRepo } from './repo';

/**
 * What the board keeps about a participant, for "Your data" (the phone's panel, the JSON download and the readable
 * page): their cards (text, status, when), the items they voted for (the item's title as the room sees it, how many
 * votes, when they last voted for it) and the minutes they helped write (the text as it is now). Titles are read
 * here so the page can say "2 votes for “Comfort”", not an id.
 */
export function boardPersonalData(deps: Deps, workshopId: string, participantId: string) {
	const repo = boardRepo(deps);
	const boards = new Map(repo.boardsOf(workshopId).map((b) => [b.id, b]));
	const raw = repo.participantData(workshopId, participantId);
	/** An item's title as the room sees it: a group's title, a visible card's text; null for one it cannot see. */
	const item = (itemId: string): { kind: 'card' | 'cluster'; title: string | null } | null => {
		const cl = repo.cluster(itemId);
		if (cl) return { kind: 'cluster', title: cl.title };
		const c = repo.card(itemId);
		const b = c && boards.get(c.boardId);
		if (!c || !b) return null;
		return { kind: 'card', title: !c.erasedAt && (isCardPublic(c, b) || c.authorId === participantId) ? c.text : null };
	};
	const votedAt = deps.repos.participation.lastBySubject(workshopId, participantId, 'board.vote.cast');
	const minutes: { boardId: string; board: string; itemId: string; item: string | null; text: string }[] = [];
	for (const name of deps.repos.texts.authoredBy(workshopId, { role: 'participant', id: participantId })) {
		const entity = name.slice(`${workshopId}/text/`.length);
		const [boardId, itemId] = entity.split('.');
		const b = boards.get(boardId);
		if (!b || !itemId) continue;
		minutes.push({ boardId, board: b.title, itemId, item: item(itemId)?.title ?? null, text: deps.repos.texts.snapshot(name) });
	}
	return {
		...raw,
		cards: raw.cards.map((c) => ({ ...c, board: boards.get(c.boardId)?.title ?? '' })),
		votes: raw.votes.map((v) => {
			const it = item(v.itemId);
			return { ...v, board: boards.get(v.boardId)?.title ?? '', kind: it?.kind ?? 'card', item: it?.title ?? null, at: votedAt.get(v.itemId) ?? null };
		}),
		minutes
	};
}
