import { m } from '$lib/paraglide/messages.js';

export type JoinError = 'unknown_code' | 'workshop_closed' | 'rate_limited' | 'nickname_empty' | 'nickname_too_long' | 'nickname_taken' | 'removed';

/** The message a person sees when joining fails. */
export function joinError(code: JoinError): string {
	switch (code) {
		case 'unknown_code':
			return m.join_error_unknown_code();
		case 'workshop_closed':
			return m.join_error_workshop_closed();
		case 'rate_limited':
			return m.join_error_rate_limited();
		case 'nickname_empty':
			return m.join_error_nickname_empty();
		case 'nickname_too_long':
			return m.join_error_nickname_too_long();
		case 'nickname_taken':
			return m.join_error_nickname_taken();
		case 'removed':
			return m.join_error_removed();
	}
}
