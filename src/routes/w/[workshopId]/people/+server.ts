import { error, json } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { workshopAndDevice } from '$lib/server/device';
import type { RequestHandler } from './$types';

/** The most people the list returns: a big BarCamp's hall, and then some. */
const LIMIT = 2000;

/**
 * The workshop's participants (pseudonym id and nickname), for choosing co-hosts of a BarCamp session: for a
 * participant of the workshop (without themselves) or one of its facilitators. Nothing else about anyone.
 */
export const GET: RequestHandler = ({ params, cookies, locals }) => {
	const { repos, services } = getDeps();
	const { w, me } = workshopAndDevice(params.workshopId, cookies);
	if (!me && !(locals.user && services.workshopForFacilitator(w.id, locals.user.id))) error(401, 'Join the workshop first');
	const people = repos.workshops.participantsOf(w.id, LIMIT + 1).filter((p) => p.id !== me?.id);
	return json({ people: people.slice(0, LIMIT) }, { headers: { 'cache-control': 'private, no-store' } });
};
