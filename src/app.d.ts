// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			/** The signed-in facilitator, resolved from the `plenum_session` cookie, or null. */
			user: { id: string; name: string } | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
