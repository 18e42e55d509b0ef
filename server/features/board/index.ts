import { m } from '../../../src/lib/paraglide/messages.js';
import { DEFAULT_SETTINGS, minutesAccess } from '../../../src/lib/features/board/domain';
import { buildExport, exportCsv, exportJson, exportMarkdown } from '../../../src/lib/features/board/export';
import { boardSpec, type BoardMe, type BoardResults } from '../../../src/lib/features/board/spec';
import { countsVisible } from '../../../src/lib/features/board/votes';
import type { ServerModule } from '../../realtime/modules';
import { newId } from '../../ids';
import { boardPhaseChanged, handlers, replayResult, storedResult } from './commands';
import { localeOf } from '../../services';
import { exportWords } from './export-words';
import { projectBoards } from './projection';
import { boardRepo } from './repo';
import { boardPersonalData } from './privacy';
import { BUCKET, ownCardView } from './views';
import { BOARD_RULES, BOARD_STARTER } from '../../../src/lib/features/board/badges';


/** The Kanban board: cards from phones, columns and lanes, groups, dot voting, discussion. */
export const boardModule: ServerModule<typeof boardSpec, BoardResults> = {
	spec: boardSpec,
	handlers,

	defaultTitle: (locale) => m.board_default_title({}, { locale: localeOf(locale) }),

	create(ctx, activity) {
		const o = { locale: localeOf(ctx.workshop.locale) };
		boardRepo(ctx.deps).insertBoard(
			{
				id: activity.id,
				workshopId: activity.workshopId,
				columns: [
					{ id: newId(), title: m.column_ideas({}, o), wipLimit: null },
					{ id: newId(), title: m.column_discuss({}, o), wipLimit: null },
					{ id: newId(), title: m.column_decided({}, o), wipLimit: null }
				],
				lanes: [],
				settings: { ...DEFAULT_SETTINGS },
				votingClosed: false,
				discussItemId: null
			},
			ctx.now
		);
		ctx.dirty.mark(BUCKET.boards, activity.id);
	},

	remove(ctx, activity) {
		const repo = boardRepo(ctx.deps);
		// The dots go with the board: everyone who voted on it sees their dots leave.
		for (const v of repo.votersOf(activity.id)) ctx.dirty.touchMe(v);
		for (const c of repo.cardsOf(activity.id)) if (c.authorRole === 'participant' && !c.erasedAt) ctx.dirty.touchMe(c.authorId);
		repo.removeBoard(activity.id);
	},

	phaseChanged: boardPhaseChanged,

	project: projectBoards,

	tally: {
		counts: (deps, id) => boardRepo(deps).tally(id),
		visibleToRoom(deps, id) {
			const b = boardRepo(deps).board(id);
			return !!b && countsVisible(b);
		}
	},

	me(deps, workshopId, p): BoardMe {
		const repo = boardRepo(deps);
		const byId = new Map(repo.boardsOf(workshopId).map((b) => [b.id, b]));
		const cards = repo
			.cardsOfAuthorInWorkshop(workshopId, p.id)
			.filter((c) => c.authorRole === 'participant' && byId.has(c.boardId))
			.map((c) => ownCardView(c, byId.get(c.boardId)!, p.nickname));
		const votes = Object.fromEntries(Object.entries(repo.votesOfParticipant(p.id)).filter(([boardId]) => byId.has(boardId)));
		return { cards, votes, removed: repo.removedOf(workshopId, p.id) };
	},

	privacy: {
		data: boardPersonalData,
		erase(deps, workshopId, participantId, dirty, by) {
			// Their own erasure keeps the room's structure; the staff removing a person with their content take it all.
			const gone = boardRepo(deps).forgetParticipant(workshopId, participantId, Date.now(), by === 'self');
			for (const c of gone.cards) {
				dirty.mark(BUCKET.cards, c.id);
				// The minutes of their cards the room never saw go with the cards.
				dirty.textsGone.add(`${c.boardId}.${c.id}`);
			}
			// A card kept as "removed by its author" keeps its minutes (others' words; theirs are erased by the core).
			for (const c of gone.kept) dirty.mark(BUCKET.cards, c.id);
			for (const b of gone.boardIds) {
				dirty.mark(BUCKET.boards, b);
				dirty.tallies.add(b);
			}
			return { removedItems: gone.kept.length, sessionsRemoved: 0 };
		}
	},

	// The People panel's counts: cards written and dots placed, over every board of the workshop.
	people: {
		counts(deps, workshopId, locale) {
			const o = { locale: localeOf(locale) };
			const { cards, votes } = boardRepo(deps).peopleCounts(workshopId);
			const byParticipant = new Map<string, Record<string, number>>();
			for (const [id, n] of cards) byParticipant.set(id, { 'board.cards': n });
			for (const [id, n] of votes) byParticipant.set(id, { ...byParticipant.get(id), 'board.votes': n });
			return {
				labels: [
					{ key: 'board.cards', label: m.people_count_cards({}, o) },
					{ key: 'board.votes', label: m.people_count_votes({}, o) }
				],
				byParticipant
			};
		}
	},

	receipts: { stored: storedResult, replay: replayResult },

	// Its award rules and starter achievements (src/lib/features/board/badges.ts).
	badges: { rules: BOARD_RULES, starter: BOARD_STARTER },

	// The shared minutes of a discussed item: `/yjs/<workshop>/text/<boardId>.<itemId>`.
	texts: {
		access(deps, activity, itemId, who) {
			const repo = boardRepo(deps);
			const board = repo.board(activity.id);
			if (!board) return null;
			const card = repo.card(itemId);
			const cluster = card ? null : repo.cluster(itemId);
			const item = card && card.boardId === board.id ? { card } : cluster && cluster.boardId === board.id ? { cluster } : null;
			const w = deps.repos.workshops.get(board.workshopId);
			return minutesAccess(board, item, who.role, { active: w?.activeActivityId === board.id, open: w?.status === 'open', itemId });
		},
		written: (_deps, activity, itemId) => ({ kind: 'board.minutes.written', activityId: activity.id, subjectId: itemId })
	},

	exports: {
		formats: boardSpec.exportFormats,
		render(deps, w, activity, format, opts) {
			const repo = boardRepo(deps);
			const board = repo.board(activity.id);
			if (!board || board.workshopId !== w.id) return null;
			const cards = repo.cardsOf(board.id);
			const names = deps.services.authorNames(cards);
			const model = buildExport({
				workshop: { title: w.title, code: w.code, locale: w.locale },
				board,
				// A card removed by its author reads so in the export, in the workshop's language, with no author.
				cards: cards.map((c) => (c.erasedAt ? { ...c, text: m.room_card_erased({}, { locale: localeOf(w.locale) }), authorName: '' } : { ...c, authorName: names.get(c.authorId) ?? '' })),
				clusters: repo.clustersOf(board.id),
				tally: repo.tally(board.id),
				minutes: Object.fromEntries(
					[...deps.notifier.texts(deps.repos.texts.snapshotsOf(w.id, `${board.id}.`), w.id, `${board.id}.`)].map(([entity, text]) => [entity.slice(board.id.length + 1), text])
				),
				now: opts.now
			});
			const words = exportWords(localeOf(w.locale), opts.timeZone);
			const body = format === 'md' ? exportMarkdown(model, words) : format === 'csv' ? exportCsv(model, words) : exportJson(model);
			return { body, name: board.title };
		}
	}
};
