import { error } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { workshopAndDevice } from '$lib/server/device';
import { hackathonPages } from '../../../../../server/features/hackathon/service';
import type { PageServerLoad } from './$types';

/** "Your data" as a page to read (or print): only for the person of this device's cookie. */
export const load: PageServerLoad = ({ params, cookies, setHeaders }) => {
	const { services } = getDeps();
	const { w, me } = workshopAndDevice(params.workshopId, cookies);
	if (!me) error(401, 'Join the workshop on this device first: your data is only given to you.');
	const data = services.myData(w.id, me.id);
	if (!data) error(404, 'Not found');
	setHeaders({ 'cache-control': 'private, no-store' });
	// In a hackathon team: the page where the person decides about the showcase is linked from here.
	const inTeam = hackathonPages(getDeps()).myTeams(w.id, me.id).length > 0;
	return { workshopId: w.id, data, inTeam };
};
