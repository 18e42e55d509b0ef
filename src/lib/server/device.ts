import { error, type Cookies } from '@sveltejs/kit';
import { participantCookie } from './cookies';
import { getDeps } from './deps';

/** What a route's `[workshopId]` (or another id segment) may look like before anything is looked up. */
export const ROUTE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The workshop a route's `[workshopId]` names (404 for a malformed or unknown id) and the participant this device's
 * cookie is in it (null when the device has not joined, or was removed). Each route decides what a missing
 * participant means for it: the join page, a 401, or a facilitator instead.
 */
export function workshopAndDevice(workshopId: string, cookies: Cookies) {
	const { repos } = getDeps();
	const w = ROUTE_ID.test(workshopId) ? repos.workshops.get(workshopId) : undefined;
	if (!w) error(404, 'Not found');
	const me = repos.workshops.participantByToken(w.id, cookies.get(participantCookie(w.id))) ?? null;
	return { w, me };
}
