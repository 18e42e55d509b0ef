import { m } from '$lib/paraglide/messages.js';
import type { ErrorMessages } from '$lib/components/room/text';
import type { BarcampErrorCode } from './spec';

// A file of its own, so that the phone loads these words with the module's view, not with its page.
/** The BarCamp's refusals in words (written out so that the bundler keeps only these messages). */
export const BARCAMP_ERRORS: ErrorMessages<BarcampErrorCode> = {
	proposals_closed: m.error_proposals_closed,
	editing_closed: m.error_editing_closed,
	interest_closed: m.error_interest_closed,
	proposal_too_long: m.error_proposal_too_long,
	description_too_long: m.error_description_too_long,
	proposal_limit: m.error_proposal_limit,
	proposal_gone: m.error_proposal_gone,
	not_proposer: m.error_not_proposer,
	unknown_cohost: m.error_unknown_cohost,
	unknown_room: m.error_unknown_room,
	unknown_slot: m.error_unknown_slot,
	slot_times: m.error_slot_times,
	not_session_slot: m.error_not_session_slot,
	not_arranging: m.error_not_arranging,
	not_published: m.error_not_published,
	not_placed: m.error_not_placed,
	not_current_slot: m.error_not_current_slot,
	already_checked_in: m.error_already_checked_in,
	anonymous_off: m.error_anonymous_off,
	merge_self: m.error_merge_self,
	too_many_rooms: m.error_too_many_rooms,
	too_many_slots: m.error_too_many_slots,
	too_many_proposals: m.error_too_many_proposals,
	unknown_host: m.error_unknown_host,
	pins_conflict: m.error_pins_conflict
};
