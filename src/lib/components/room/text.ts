import { m } from '$lib/paraglide/messages.js';
import { locales } from '$lib/paraglide/runtime.js';
import type { ErrorCode } from '$lib/protocol/commands';
import type { CoreErrorCode } from '$lib/protocol/events';

export type Locale = (typeof locales)[number];
/** Message options for an explicit language (the projector speaks the workshop's); undefined means the page's. */
export type MsgOptions = { locale?: Locale } | undefined;

/** The workshop's language as a message option, when it is one of ours. */
export function localeOption(locale: string | null | undefined): MsgOptions {
	return locales.includes(locale as Locale) ? { locale: locale as Locale } : undefined;
}

/** A refusal's message (by code), as a module declares its own. */
export type ErrorMessages<C extends string> = Record<C, (i?: object, o?: MsgOptions) => string>;

// Written out (not m[`error_${code}`]) so that the bundler keeps only these messages in the phone's bundle.
const CORE_ERRORS: ErrorMessages<CoreErrorCode> = {
	invalid_payload: m.error_invalid_payload,
	confirm_mismatch: m.error_confirm_mismatch,
	unauthorized: m.error_unauthorized,
	forbidden: m.error_forbidden,
	not_found: m.error_not_found,
	not_active: m.error_not_active,
	unknown_activity_type: m.error_unknown_activity_type,
	last_activity: m.error_last_activity,
	too_many_activities: m.error_too_many_activities,
	workshop_closed: m.error_workshop_closed,
	rate_limited: m.error_rate_limited,
	title_empty: m.error_title_empty,
	title_too_long: m.error_title_too_long,
	key_reused: m.error_key_reused,
	nickname_empty: m.error_nickname_empty,
	nickname_too_long: m.error_nickname_too_long,
	nickname_taken: m.error_nickname_taken,
	internal: m.error_internal
};

type AnyErrorMessages = Partial<Record<string, (i?: object, o?: MsgOptions) => string>>;

/**
 * Modules' refusal messages registered by the code that loads them: a page registers every module's
 * (src/lib/features/messages.ts), the phone only those of the module views it has loaded (the board's and the
 * BarCamp's phone views register their own when their chunk arrives), so their words stay out of its first bytes.
 */
const registered = new Set<AnyErrorMessages>();

export function registerErrorMessages(table: AnyErrorMessages) {
	registered.add(table);
}

/** The translated message for a refusal code: the core's, or a registered module's. */
export function errorMessage(code: ErrorCode, o?: MsgOptions): string {
	return errorMessageFrom([...registered], code, o);
}

/** The translated message for a refusal code: the core's, or one of these modules' tables. */
export function errorMessageFrom(tables: AnyErrorMessages[], code: ErrorCode, o?: MsgOptions): string {
	for (const t of [CORE_ERRORS as AnyErrorMessages, ...tables]) {
		const f = t[code];
		if (f) return f({}, o);
	}
	return m.error_internal({}, o);
}
