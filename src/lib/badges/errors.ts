import { m } from '$lib/paraglide/messages.js';

/** The badge model's refusal codes (server/badges/service.ts) in the reader's language. */
const MESSAGES: Record<string, () => string> = {
	name_empty: m.badge_error_name_empty,
	name_too_long: m.badge_error_name_too_long,
	url_invalid: m.badge_error_url_invalid,
	description_too_long: m.badge_error_description_too_long,
	logo_invalid: m.badge_error_logo_invalid,
	not_member: m.badge_error_not_member,
	not_owner: m.badge_error_not_owner,
	unknown_account: m.badge_error_unknown_account,
	not_found: m.badge_error_not_found,
	too_long: m.badge_error_too_long,
	threshold_invalid: m.badge_error_threshold_invalid,
	no_organisation: m.badge_error_no_organisation,
	not_closed: m.badge_error_not_closed,
	already: m.badge_error_already,
	nothing_to_take: m.badge_error_nothing_to_take,
	rate_limited: m.badge_error_rate_limited,
	code_invalid: m.badge_error_code_invalid,
	code_unknown: m.badge_error_code_unknown,
	email_invalid: m.badge_error_email_invalid,
	did_invalid: m.badge_error_did_invalid,
	reason_empty: m.badge_error_reason_empty,
	already_revoked: m.badge_error_already_revoked,
	nothing_chosen: m.badge_error_nothing_chosen,
	days_invalid: m.badge_error_days_invalid,
	no_backpack: m.badge_error_no_backpack,
	esco_invalid: m.badge_error_esco_invalid
};

export function badgeError(code: string): string {
	return (MESSAGES[code] ?? m.error_internal)();
}
