import { describe, expect, it } from 'vitest';
import {
	CARD_MAX_LENGTH,
	DEFAULT_MAX_CARDS_PER_PERSON,
	DEFAULT_SETTINGS,
	MAX_CARDS_PER_BOARD,
	MAX_CARDS_PER_PERSON_LIMIT,
	MAX_COLUMNS,
	MAX_LANES,
	PHASES,
	TITLE_MAX_LENGTH,
	applyColumnOp,
	applyLaneOp,
	canChangeCard,
	canCreateCard,
	changePhase,
	cleanCardText,
	hasRoomForCard,
	cleanTitle,
	isCardPublic,
	newCardFlags,
	nextPhase,
	positionBetween,
	wipStatus,
	type Column,
	type Lane,
	type Phase
} from '$lib/features/board/domain';
import {
	expectOk,
	expectRefused,
	facilitator,
	makeBoard,
	makeCard,
	otherParticipant,
	participant
} from '../../helpers/domain';

const cols = (n: number): Column[] => Array.from({ length: n }, (_, i) => ({ id: `c${i + 1}`, title: `Col ${i + 1}`, wipLimit: null }));
const lanes = (n: number): Lane[] => Array.from({ length: n }, (_, i) => ({ id: `l${i + 1}`, title: `Lane ${i + 1}` }));

describe('phases', () => {
	it('runs collect, reveal, group, vote, discuss in that order', () => {
		expect(PHASES).toEqual(['collect', 'reveal', 'group', 'vote', 'discuss']);
		const seen: Phase[] = ['collect'];
		let p: Phase | null = 'collect';
		while ((p = nextPhase(p))) seen.push(p);
		expect(seen).toEqual([...PHASES]);
		expect(nextPhase('discuss')).toBeNull();
	});

	it('reveals every card when leaving Collect, for every later phase', () => {
		for (const to of ['reveal', 'group', 'vote', 'discuss'] as const) {
			const r = changePhase(makeBoard({ phase: 'collect' }), to);
			expect(r.revealAll).toBe(true);
			expect(r.board.phase).toBe(to);
		}
	});

	it('does not reveal when going (back) to Collect', () => {
		expect(changePhase(makeBoard({ phase: 'collect' }), 'collect').revealAll).toBe(false);
		expect(changePhase(makeBoard({ phase: 'group' }), 'collect').revealAll).toBe(false);
	});

	it('opens voting on entering Vote, even after it was closed', () => {
		const r = changePhase(makeBoard({ phase: 'discuss', votingClosed: true }), 'vote');
		expect(r.board.votingClosed).toBe(false);
		expect(r.board.phase).toBe('vote');
	});

	it('closes voting on entering Discuss', () => {
		const r = changePhase(makeBoard({ phase: 'vote', votingClosed: false }), 'discuss');
		expect(r.board.votingClosed).toBe(true);
	});

	it('leaves the voting state alone for other phases', () => {
		expect(changePhase(makeBoard({ phase: 'vote', votingClosed: true }), 'group').board.votingClosed).toBe(true);
		expect(changePhase(makeBoard({ phase: 'collect', votingClosed: false }), 'reveal').board.votingClosed).toBe(false);
	});

	it('keeps the discussed item only while in Discuss', () => {
		const b = makeBoard({ phase: 'discuss', discussItemId: 'k1' });
		expect(changePhase(b, 'discuss').board.discussItemId).toBe('k1');
		expect(changePhase(b, 'vote').board.discussItemId).toBeNull();
	});

	it('does not mutate the board it was given', () => {
		const b = makeBoard({ phase: 'vote' });
		const copy = structuredClone(b);
		changePhase(b, 'discuss');
		expect(b).toEqual(copy);
	});
});

describe('cleanCardText', () => {
	it('trims and keeps inner newlines', () => {
		expect(expectOk(cleanCardText('  first line\nsecond line \n'))).toBe('first line\nsecond line');
	});

	it('turns CRLF and CR into LF', () => {
		expect(expectOk(cleanCardText('a\r\nb\rc'))).toBe('a\nb\nc');
	});

	it('removes control characters other than newlines', () => {
		expect(expectOk(cleanCardText('a\u0000b\u0007c\u001bd\u007fe'))).toBe('abcde');
	});

	it('refuses an empty or blank card', () => {
		expectRefused(cleanCardText(''), 'card_empty');
		expectRefused(cleanCardText('   \n\t  '), 'card_empty');
		expectRefused(cleanCardText('\u0000\u0001'), 'card_empty');
	});

	it(`accepts exactly ${CARD_MAX_LENGTH} characters and refuses one more`, () => {
		expect(expectOk(cleanCardText('x'.repeat(CARD_MAX_LENGTH)))).toHaveLength(CARD_MAX_LENGTH);
		expectRefused(cleanCardText('x'.repeat(CARD_MAX_LENGTH + 1)), 'card_too_long');
	});

	it('counts characters, not UTF-16 units (emoji count once)', () => {
		const emoji = '😀'.repeat(CARD_MAX_LENGTH);
		expect(emoji.length).toBe(CARD_MAX_LENGTH * 2);
		expect(expectOk(cleanCardText(emoji))).toBe(emoji);
		expectRefused(cleanCardText(emoji + '😀'), 'card_too_long');
	});

	it('measures the length after trimming', () => {
		expect(expectOk(cleanCardText(`   ${'x'.repeat(CARD_MAX_LENGTH)}   `))).toHaveLength(CARD_MAX_LENGTH);
	});

	it('keeps markup as plain text (escaping is the renderer’s job)', () => {
		expect(expectOk(cleanCardText('<script>alert(1)</script>'))).toBe('<script>alert(1)</script>');
	});
});

describe('cleanTitle', () => {
	it('folds whitespace and newlines into single spaces', () => {
		expect(expectOk(cleanTitle('  To \n\t do  '))).toBe('To do');
	});

	it('refuses blank titles', () => {
		expectRefused(cleanTitle(' \n '), 'title_empty');
	});

	it(`allows ${TITLE_MAX_LENGTH} characters by default and a custom maximum`, () => {
		expect(expectOk(cleanTitle('t'.repeat(TITLE_MAX_LENGTH)))).toHaveLength(TITLE_MAX_LENGTH);
		expectRefused(cleanTitle('t'.repeat(TITLE_MAX_LENGTH + 1)), 'title_too_long');
		expectRefused(cleanTitle('abcdef', 5), 'title_too_long');
	});
});

describe('canCreateCard', () => {
	it('lets a participant write during Collect', () => {
		expectOk(canCreateCard(makeBoard({ phase: 'collect' }), participant));
	});

	it.each(['reveal', 'group', 'vote', 'discuss'] as const)('refuses a participant during %s (phase_closed)', (phase) => {
		expectRefused(canCreateCard(makeBoard({ phase }), participant), 'phase_closed');
	});

	it.each([...PHASES])('lets a facilitator add a card during %s', (phase) => {
		expectOk(canCreateCard(makeBoard({ phase }), facilitator));
	});
});

describe('canChangeCard', () => {
	const own = makeCard({ authorId: participant.id, authorRole: 'participant' });

	it('lets the author change their own card during Collect', () => {
		expectOk(canChangeCard(makeBoard({ phase: 'collect' }), own, participant));
	});

	it('refuses another participant (not_author)', () => {
		expectRefused(canChangeCard(makeBoard(), own, otherParticipant), 'not_author');
	});

	it('refuses a participant whose id matches a facilitator-written card (not_author)', () => {
		const byFacilitator = makeCard({ authorId: participant.id, authorRole: 'facilitator' });
		expectRefused(canChangeCard(makeBoard(), byFacilitator, participant), 'not_author');
	});

	it.each(['reveal', 'group', 'vote', 'discuss'] as const)('refuses the author after Collect, in %s (phase_closed)', (phase) => {
		expectRefused(canChangeCard(makeBoard({ phase }), own, participant), 'phase_closed');
	});

	it('says not_author before phase_closed for someone else’s card', () => {
		expectRefused(canChangeCard(makeBoard({ phase: 'vote' }), own, otherParticipant), 'not_author');
	});

	it.each([...PHASES])('lets a facilitator change any card during %s', (phase) => {
		expectOk(canChangeCard(makeBoard({ phase }), own, facilitator));
	});
});

describe('newCardFlags and isCardPublic', () => {
	it('keeps a Collect card private when privateUntilReveal is on', () => {
		const board = makeBoard({ phase: 'collect', settings: { privateUntilReveal: true } });
		const flags = newCardFlags(board, participant);
		expect(flags).toEqual({ status: 'visible', revealed: false });
		expect(isCardPublic(flags, board)).toBe(false);
	});

	it('shows a Collect card live when privateUntilReveal is off', () => {
		const board = makeBoard({ phase: 'collect', settings: { privateUntilReveal: false } });
		const flags = newCardFlags(board, participant);
		expect(flags).toEqual({ status: 'visible', revealed: true });
		expect(isCardPublic(flags, board)).toBe(true);
	});

	it('reveals a card written after Collect at once', () => {
		const board = makeBoard({ phase: 'group', settings: { privateUntilReveal: true } });
		const flags = newCardFlags(board, facilitator);
		expect(flags.revealed).toBe(true);
		expect(isCardPublic(flags, board)).toBe(true);
	});

	it('holds participants’ cards as pending when approval is required', () => {
		const board = makeBoard({ phase: 'collect', settings: { requireApproval: true, privateUntilReveal: false } });
		const flags = newCardFlags(board, participant);
		expect(flags.status).toBe('pending');
		expect(isCardPublic(flags, board)).toBe(false);
	});

	it('does not hold a facilitator’s card for approval', () => {
		const board = makeBoard({ settings: { requireApproval: true, privateUntilReveal: false } });
		expect(newCardFlags(board, facilitator).status).toBe('visible');
	});

	it('never shows hidden or pending cards to the room, revealed or not', () => {
		for (const privateUntilReveal of [true, false]) {
			const board = makeBoard({ settings: { privateUntilReveal } });
			expect(isCardPublic({ status: 'hidden', revealed: true }, board)).toBe(false);
			expect(isCardPublic({ status: 'pending', revealed: true }, board)).toBe(false);
		}
	});

	it('shows an unrevealed card once the board stops keeping cards private', () => {
		const board = makeBoard({ settings: { privateUntilReveal: false } });
		expect(isCardPublic({ status: 'visible', revealed: false }, board)).toBe(true);
	});

	it('has defaults matching the product: private, anonymous, 3 dots, 2 per item, hidden counts, 100 cards a person', () => {
		expect(DEFAULT_SETTINGS).toEqual({
			privateUntilReveal: true,
			anonymous: true,
			requireApproval: false,
			voteBudget: 3,
			maxPerItem: 2,
			hideCountsUntilClosed: true,
			maxCardsPerPerson: 100,
			showLimitsToRoom: false,
			participantsWriteMinutes: false
		});
	});
});

describe('applyColumnOp', () => {
	it('adds a column at the end with a cleaned title and no WIP limit', () => {
		const r = expectOk(applyColumnOp(cols(2), { type: 'add', title: '  Next \n steps ' }, 'new'));
		expect(r.columns.map((c) => c.id)).toEqual(['c1', 'c2', 'new']);
		expect(r.columns[2]).toEqual({ id: 'new', title: 'Next steps', wipLimit: null });
		expect(r.moveCardsTo).toBeUndefined();
	});

	it(`refuses a column beyond ${MAX_COLUMNS}`, () => {
		expectOk(applyColumnOp(cols(MAX_COLUMNS - 1), { type: 'add', title: 'x' }, 'n'));
		expectRefused(applyColumnOp(cols(MAX_COLUMNS), { type: 'add', title: 'x' }, 'n'), 'too_many_columns');
	});

	it('refuses blank and overlong titles', () => {
		expectRefused(applyColumnOp(cols(1), { type: 'add', title: '  ' }, 'n'), 'title_empty');
		expectRefused(applyColumnOp(cols(1), { type: 'rename', columnId: 'c1', title: 'x'.repeat(TITLE_MAX_LENGTH + 1) }, 'n'), 'title_too_long');
	});

	it('renames only the named column', () => {
		const r = expectOk(applyColumnOp(cols(3), { type: 'rename', columnId: 'c2', title: 'Doing' }, 'n'));
		expect(r.columns.map((c) => c.title)).toEqual(['Col 1', 'Doing', 'Col 3']);
	});

	it('moves a column to a new index, clamping out-of-range indexes', () => {
		const ids = (r: { columns: Column[] }) => r.columns.map((c) => c.id);
		expect(ids(expectOk(applyColumnOp(cols(4), { type: 'move', columnId: 'c1', toIndex: 2 }, 'n')))).toEqual(['c2', 'c3', 'c1', 'c4']);
		expect(ids(expectOk(applyColumnOp(cols(4), { type: 'move', columnId: 'c4', toIndex: 0 }, 'n')))).toEqual(['c4', 'c1', 'c2', 'c3']);
		expect(ids(expectOk(applyColumnOp(cols(3), { type: 'move', columnId: 'c1', toIndex: 99 }, 'n')))).toEqual(['c2', 'c3', 'c1']);
		expect(ids(expectOk(applyColumnOp(cols(3), { type: 'move', columnId: 'c3', toIndex: -5 }, 'n')))).toEqual(['c3', 'c1', 'c2']);
	});

	it('removes a column and moves its cards to the first remaining column', () => {
		const r = expectOk(applyColumnOp(cols(3), { type: 'remove', columnId: 'c2' }, 'n'));
		expect(r.columns.map((c) => c.id)).toEqual(['c1', 'c3']);
		expect(r.moveCardsTo).toEqual({ from: 'c2', to: 'c1' });
	});

	it('moves the cards of a removed first column to the new first column', () => {
		const r = expectOk(applyColumnOp(cols(3), { type: 'remove', columnId: 'c1' }, 'n'));
		expect(r.moveCardsTo).toEqual({ from: 'c1', to: 'c2' });
	});

	it('refuses to remove the last column', () => {
		expectRefused(applyColumnOp(cols(1), { type: 'remove', columnId: 'c1' }, 'n'), 'last_column');
	});

	it.each([
		{ type: 'rename', columnId: 'nope', title: 'x' },
		{ type: 'move', columnId: 'nope', toIndex: 0 },
		{ type: 'remove', columnId: 'nope' },
		{ type: 'wip', columnId: 'nope', limit: 3 }
	] as const)('refuses $type of an unknown column', (op) => {
		expectRefused(applyColumnOp(cols(2), op, 'n'), 'unknown_column');
	});

	it('sets, clamps and clears a WIP limit', () => {
		const limitOf = (limit: number | null) => expectOk(applyColumnOp(cols(2), { type: 'wip', columnId: 'c2', limit }, 'n')).columns[1].wipLimit;
		expect(limitOf(5)).toBe(5);
		expect(limitOf(0)).toBe(1);
		expect(limitOf(-3)).toBe(1);
		expect(limitOf(2.7)).toBe(2);
		expect(limitOf(5000)).toBe(999);
		expect(limitOf(null)).toBeNull();
		const r = expectOk(applyColumnOp(cols(2), { type: 'wip', columnId: 'c2', limit: 4 }, 'n'));
		expect(r.columns[0].wipLimit).toBeNull();
	});

	it('does not mutate the column list it was given', () => {
		const before = cols(3);
		const copy = structuredClone(before);
		applyColumnOp(before, { type: 'move', columnId: 'c1', toIndex: 2 }, 'n');
		applyColumnOp(before, { type: 'rename', columnId: 'c1', title: 'x' }, 'n');
		applyColumnOp(before, { type: 'remove', columnId: 'c1' }, 'n');
		expect(before).toEqual(copy);
	});
});

describe('applyLaneOp', () => {
	it('adds lanes up to the maximum', () => {
		const r = expectOk(applyLaneOp([], { type: 'add', title: ' Team A ' }, 'l1'));
		expect(r.lanes).toEqual([{ id: 'l1', title: 'Team A' }]);
		expectRefused(applyLaneOp(lanes(MAX_LANES), { type: 'add', title: 'x' }, 'n'), 'too_many_lanes');
	});

	it('renames and moves lanes', () => {
		expect(expectOk(applyLaneOp(lanes(2), { type: 'rename', laneId: 'l2', title: 'Ops' }, 'n')).lanes[1].title).toBe('Ops');
		expectRefused(applyLaneOp(lanes(2), { type: 'rename', laneId: 'l2', title: ' ' }, 'n'), 'title_empty');
		const moved = expectOk(applyLaneOp(lanes(3), { type: 'move', laneId: 'l3', toIndex: 0 }, 'n'));
		expect(moved.lanes.map((l) => l.id)).toEqual(['l3', 'l1', 'l2']);
	});

	it('removes a lane (also the last one) and sends its cards back to no lane', () => {
		const r = expectOk(applyLaneOp(lanes(1), { type: 'remove', laneId: 'l1' }, 'n'));
		expect(r.lanes).toEqual([]);
		expect(r.clearLane).toBe('l1');
	});

	it('refuses an unknown lane', () => {
		expectRefused(applyLaneOp(lanes(1), { type: 'remove', laneId: 'x' }, 'n'), 'unknown_lane');
		expectRefused(applyLaneOp(lanes(1), { type: 'move', laneId: 'x', toIndex: 0 }, 'n'), 'unknown_lane');
	});
});

describe('wipStatus', () => {
	const columns: Column[] = [
		{ id: 'c1', title: 'Ideas', wipLimit: 2 },
		{ id: 'c2', title: 'Doing', wipLimit: null },
		{ id: 'c3', title: 'Done', wipLimit: 1 }
	];

	it('warns only when a column holds more items than its limit', () => {
		const at = wipStatus(columns, [{ columnId: 'c1', clusterId: null }, { columnId: 'c1', clusterId: null }]);
		expect(at[0]).toEqual({ columnId: 'c1', count: 2, limit: 2, exceeded: false });
		const over = wipStatus(columns, [
			{ columnId: 'c1', clusterId: null },
			{ columnId: 'c1', clusterId: null },
			{ columnId: 'c1', clusterId: null }
		]);
		expect(over[0].exceeded).toBe(true);
	});

	it('never warns for a column without a limit', () => {
		const many = Array.from({ length: 50 }, () => ({ columnId: 'c2', clusterId: null }));
		expect(wipStatus(columns, many)[1]).toEqual({ columnId: 'c2', count: 50, limit: null, exceeded: false });
	});

	it('counts a cluster as one item and not its cards', () => {
		const cards = [
			{ columnId: 'c3', clusterId: 'g1' },
			{ columnId: 'c3', clusterId: 'g1' },
			{ columnId: 'c3', clusterId: 'g1' }
		];
		const s = wipStatus(columns, cards, [{ id: 'g1', columnId: 'c3' }]);
		expect(s[2]).toEqual({ columnId: 'c3', count: 1, limit: 1, exceeded: false });
	});

	it('does not count an empty cluster', () => {
		const s = wipStatus(columns, [{ columnId: 'c1', clusterId: 'g1' }], [
			{ id: 'g1', columnId: 'c1' },
			{ id: 'empty', columnId: 'c1' },
			{ id: 'empty2', columnId: 'c3' }
		]);
		expect(s.map((w) => w.count)).toEqual([1, 0, 0]);
	});

	it('reports every column in board order, empty ones with zero', () => {
		expect(wipStatus(columns, []).map((s) => [s.columnId, s.count])).toEqual([
			['c1', 0],
			['c2', 0],
			['c3', 0]
		]);
	});
});

describe('positionBetween', () => {
	it('starts at 1 in an empty list', () => {
		expect(positionBetween(null, null)).toBe(1);
	});

	it('goes before the first and after the last', () => {
		expect(positionBetween(null, 5)).toBeLessThan(5);
		expect(positionBetween(5, null)).toBeGreaterThan(5);
	});

	it('lands strictly between two neighbours', () => {
		const p = positionBetween(1, 2);
		expect(p).toBeGreaterThan(1);
		expect(p).toBeLessThan(2);
	});

	it('keeps finding room after many inserts at the same spot', () => {
		let lo = 1;
		const hi = 2;
		for (let i = 0; i < 30; i++) {
			const p = positionBetween(lo, hi);
			expect(p).toBeGreaterThan(lo);
			expect(p).toBeLessThan(hi);
			lo = p;
		}
	});
});

describe('hasRoomForCard: nobody fills a board alone', () => {
	const p = { role: 'participant' as const, id: 'p1' };
	const f = { role: 'facilitator' as const, id: 'u1' };
	it('refuses a participant past the default per-person maximum, and past the one the facilitator set', () => {
		expect(hasRoomForCard(makeBoard(), p, { onBoard: 10, byActor: DEFAULT_MAX_CARDS_PER_PERSON - 1 }).ok).toBe(true);
		expect(hasRoomForCard(makeBoard(), p, { onBoard: 10, byActor: DEFAULT_MAX_CARDS_PER_PERSON })).toEqual({ ok: false, reason: 'card_limit' });
		expect(hasRoomForCard(makeBoard({ settings: { maxCardsPerPerson: 3 } }), p, { onBoard: 10, byActor: 3 })).toEqual({ ok: false, reason: 'card_limit' });
		// A damaged stored maximum cannot lift the ceiling.
		expect(hasRoomForCard(makeBoard({ settings: { maxCardsPerPerson: 1e9 } }), p, { onBoard: 10, byActor: MAX_CARDS_PER_PERSON_LIMIT })).toEqual({ ok: false, reason: 'card_limit' });
	});
	it('does not limit facilitators per person, but the board cap holds for everyone', () => {
		expect(hasRoomForCard(makeBoard({ settings: { maxCardsPerPerson: 1 } }), f, { onBoard: 10, byActor: 0 }).ok).toBe(true);
		expect(hasRoomForCard(makeBoard(), f, { onBoard: MAX_CARDS_PER_BOARD, byActor: 0 })).toEqual({ ok: false, reason: 'too_many_cards' });
		expect(hasRoomForCard(makeBoard(), p, { onBoard: MAX_CARDS_PER_BOARD, byActor: 0 })).toEqual({ ok: false, reason: 'too_many_cards' });
	});
});
