// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			/** The signed-in facilitator, resolved from the `plenum_session` cookie, or null. */
			user: { id: string; name: string } | null;
			/**
			 * The throttled look-up of the join code in a `/j/<code>` path, made once by the language hook and reused by
			 * the page (so one request counts as one attempt).
			 */
			joinLookup?: { code: string; result: import('$lib/domain/result').Result<import('../server/db/workshops').WorkshopRow, 'rate_limited' | 'unknown_code'> };
		}
		interface Error {
			message: string;
		}
	}
}

export {};
