import { m } from '$lib/paraglide/messages.js';
import type { ErrorMessages } from '$lib/components/room/text';
import type { BoardErrorCode } from './spec';

// A file of its own, so that the phone loads these words with the module's view, not with its page.
/** The board's refusals in words (written out so that the bundler keeps only these messages). */
export const BOARD_ERRORS: ErrorMessages<BoardErrorCode> = {
	phase_closed: m.error_phase_closed,
	not_author: m.error_not_author,
	card_empty: m.error_card_empty,
	card_too_long: m.error_card_too_long,
	unknown_column: m.error_unknown_column,
	unknown_lane: m.error_unknown_lane,
	last_column: m.error_last_column,
	too_many_columns: m.error_too_many_columns,
	too_many_lanes: m.error_too_many_lanes,
	too_many_cards: m.error_too_many_cards,
	card_limit: m.error_card_limit,
	not_voting_phase: m.error_not_voting_phase,
	voting_closed: m.error_voting_closed,
	budget_exhausted: m.error_budget_exhausted,
	item_max: m.error_item_max,
	no_vote_to_remove: m.error_no_vote_to_remove,
	not_votable: m.error_not_votable
};
