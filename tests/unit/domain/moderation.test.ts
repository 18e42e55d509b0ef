import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, afterTextChange, isCardPublic, moderatedStatus, type Board, type CardStatus } from '$lib/features/board/domain';
import { notRevealedYet } from '$lib/features/board/views';

const board = (settings: Partial<Board['settings']>): Board => ({
	id: 'b',
	workshopId: 'w',
	title: 'Board',
	phase: 'collect',
	columns: [{ id: 'c', title: 'Ideas', wipLimit: null }],
	lanes: [],
	settings: { ...DEFAULT_SETTINGS, ...settings },
	votingClosed: false,
	discussItemId: null
});

const status = fc.constantFrom<CardStatus>('visible', 'hidden', 'pending');
const mark = fc.option(fc.integer({ min: 1, max: 1e12 }), { nil: null });

describe('moderation that holds (issue 14)', () => {
	it("an author's edit never makes a card public that was not, and with approval on never leaves one public", () => {
		fc.assert(
			fc.property(status, fc.boolean(), fc.boolean(), fc.boolean(), mark, (s, approval, privateUntilReveal, revealed, edited) => {
				const b = board({ requireApproval: approval, privateUntilReveal });
				const card = { status: s, authorRole: 'participant' as const, authorEditedAt: edited };
				const after = afterTextChange(b, card, { role: 'participant', id: 'p' }, 42);
				const before = isCardPublic({ status: s, revealed }, b);
				const now = isCardPublic({ status: after.status, revealed }, b);
				if (!before) expect(now).toBe(false);
				if (approval) expect(now).toBe(false);
				// A hidden card stays hidden.
				if (s === 'hidden') expect(after.status).toBe('hidden');
				// The facilitator sees every edit of a card they had let through or hidden; not the edits of one still waiting.
				expect(after.authorEditedAt).toBe(s === 'pending' ? edited : 42);
				expect(after.staffEditedAt).toBeNull();
			})
		);
	});

	it("a facilitator's edit keeps the status, clears the author's mark and tells a participant author", () => {
		fc.assert(
			fc.property(status, fc.boolean(), mark, fc.constantFrom('participant' as const, 'facilitator' as const), (s, approval, edited, authorRole) => {
				const after = afterTextChange(board({ requireApproval: approval }), { status: s, authorRole, authorEditedAt: edited }, { role: 'facilitator', id: 'f' }, 7);
				expect(after).toEqual({ status: s, authorEditedAt: null, staffEditedAt: authorRole === 'participant' ? 7 : null });
			})
		);
	});

	it('moderation actions set the status; acknowledging leaves it', () => {
		for (const s of ['visible', 'hidden', 'pending'] as const) {
			expect(moderatedStatus({ status: s }, 'hide')).toBe('hidden');
			expect(moderatedStatus({ status: s }, 'show')).toBe('visible');
			expect(moderatedStatus({ status: s }, 'approve')).toBe('visible');
			expect(moderatedStatus({ status: s }, 'acknowledge')).toBe(s);
		}
	});

	it('"not revealed yet" only for a card the room would see but for the reveal', () => {
		expect(notRevealedYet({ status: 'visible', hidden: true }, { privateUntilReveal: true })).toBe(true);
		// Live cards: nothing is "not revealed".
		for (const s of ['visible', 'hidden', 'pending'] as const) expect(notRevealedYet({ status: s, hidden: true }, { privateUntilReveal: false })).toBe(false);
		// Waiting and hidden cards have badges of their own.
		expect(notRevealedYet({ status: 'pending', hidden: true }, { privateUntilReveal: true })).toBe(false);
		expect(notRevealedYet({ status: 'hidden', hidden: true }, { privateUntilReveal: true })).toBe(false);
		expect(notRevealedYet({ status: 'visible', hidden: false }, { privateUntilReveal: true })).toBe(false);
	});
});
