import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, PHASES, minutesAccess, type Board } from '../../../src/lib/features/board/domain';

const board = (over: Partial<Board> = {}): Board => ({
	id: 'b',
	workshopId: 'w',
	title: 'Board',
	phase: 'discuss',
	columns: [{ id: 'c', title: 'C', wipLimit: null }],
	lanes: [],
	settings: { ...DEFAULT_SETTINGS, participantsWriteMinutes: true },
	votingClosed: true,
	discussItemId: 'i',
	...over
});
const visible = { card: { status: 'visible' as const, revealed: true } };

describe('who may write or read the shared minutes of an item', () => {
	it('lets the facilitators write while the workshop is open, the projector read, and participants write only the item under discussion when allowed', () => {
		expect(minutesAccess(board(), visible, 'facilitator', { active: true, open: true, itemId: 'i' })).toBe('write');
		expect(minutesAccess(board(), visible, 'facilitator', { active: true, open: false, itemId: 'i' })).toBe('read');
		expect(minutesAccess(board(), visible, 'projector', { active: true, open: true, itemId: 'i' })).toBe('read');
		expect(minutesAccess(board(), visible, 'participant', { active: true, open: true, itemId: 'i' })).toBe('write');
		expect(minutesAccess(board(), visible, 'participant', { active: true, open: true, itemId: 'other' })).toBe('read');
		expect(minutesAccess(board({ settings: { ...DEFAULT_SETTINGS, participantsWriteMinutes: false } }), visible, 'participant', { active: true, open: true, itemId: 'i' })).toBe('read');
		expect(minutesAccess(board(), visible, 'participant', { active: false, open: true, itemId: 'i' })).toBeNull();
		expect(minutesAccess(board(), null, 'facilitator', { active: true, open: true, itemId: 'i' })).toBeNull();
		expect(minutesAccess(board(), { card: { status: 'hidden', revealed: true } }, 'projector', { active: true, open: true, itemId: 'i' })).toBeNull();
	});

	it('never lets anyone but the staff write outside Discuss, in a closed workshop, on another item, or with the setting off (property)', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...PHASES),
				fc.boolean(),
				fc.boolean(),
				fc.boolean(),
				fc.constantFrom('i', 'j'),
				fc.constantFrom('visible', 'hidden', 'pending'),
				fc.boolean(),
				fc.constantFrom('participant', 'projector'),
				(phase, allowed, active, open, itemId, status, revealed, who) => {
					const b = board({ phase, settings: { ...DEFAULT_SETTINGS, participantsWriteMinutes: allowed, privateUntilReveal: true } });
					const level = minutesAccess(b, { card: { status, revealed } }, who as 'participant' | 'projector', { active, open, itemId });
					// Computed here from the rule's words, not from the code under test.
					const seen = status === 'visible' && revealed;
					const mayWrite = who === 'participant' && seen && active && open && phase === 'discuss' && allowed && itemId === 'i';
					const mayRead = seen && (who === 'projector' || active);
					expect(level).toBe(mayWrite ? 'write' : mayRead ? 'read' : null);
				}
			),
			{ seed: 20261130, numRuns: 500 }
		);
	});
});
