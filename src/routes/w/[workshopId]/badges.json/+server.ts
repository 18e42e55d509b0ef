import { error, json } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { workshopAndDevice } from '$lib/server/device';
import type { RequestHandler } from './$types';

/** What the phone's closed room says about badges: whether some are confirmed, still being checked, or none. */
export const GET: RequestHandler = ({ params, cookies }) => {
	const { w, me } = workshopAndDevice(params.workshopId, cookies);
	if (!me) error(401, 'Join the workshop on this device first.');
	if (w.status !== 'closed') return json({ state: 'open' }, { headers: { 'cache-control': 'no-store' } });
	const mine = getDeps().badges.participantAwards(w.id, me.id);
	if (!mine) return json({ state: 'none' }, { headers: { 'cache-control': 'no-store' } });
	const state = mine.awards.length > 0 ? (mine.takenHome ? 'home' : 'ready') : mine.waiting ? 'waiting' : 'none';
	return json({ state, count: mine.awards.length, organisation: mine.organisation }, { headers: { 'cache-control': 'no-store' } });
};
