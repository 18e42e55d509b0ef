import type { Cookies } from '@sveltejs/kit';
import { getDeps } from './deps';

/** The facilitator's session cookie (SvelteKit's pages and the realtime server read the same name). */
export const SESSION_COOKIE = 'plenum_session';

/** A participant's device cookie for one workshop: a random token bound to their pseudonym there. */
export const participantCookie = (workshopId: string) => `plenum_p_${workshopId}`;

/**
 * Sets a device cookie (a participant's for a workshop, a backpack's): a random token the database keeps only hashed,
 * sent back on every request to this site, never readable by scripts.
 */
export function setDeviceCookie(cookies: Cookies, name: string, token: string, days: number) {
	cookies.set(name, token, { httpOnly: true, sameSite: 'lax', path: '/', secure: getDeps().config.secureCookies, maxAge: days * 86_400 });
}
