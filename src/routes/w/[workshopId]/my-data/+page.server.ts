import { error } from '@sveltejs/kit';
import { participantCookie } from '$lib/server/cookies';
import { getDeps } from '$lib/server/deps';
import type { PageServerLoad } from './$types';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** "Your data" as a page to read (or print): only for the person of this device's cookie. */
export const load: PageServerLoad = ({ params, cookies, setHeaders }) => {
	const { repos, services } = getDeps();
	const w = ID.test(params.workshopId) ? repos.workshops.get(params.workshopId) : undefined;
	if (!w) error(404, 'Not found');
	const me = repos.workshops.participantByToken(w.id, cookies.get(participantCookie(w.id)));
	if (!me) error(401, 'Join the workshop on this device first: your data is only given to you.');
	const data = services.myData(w.id, me.id);
	if (!data) error(404, 'Not found');
	setHeaders({ 'cache-control': 'private, no-store' });
	return { workshopId: w.id, data };
};
