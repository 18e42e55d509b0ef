import { error } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { ROUTE_ID, workshopAndDevice } from '$lib/server/device';
import type { RequestHandler } from './$types';

/**
 * A participant's own BarCamp schedule as iCal (what they host, marked or checked in to), for their calendar app. The
 * person is the one of this device's cookie: the address names no person, and a request that tries to name one is
 * refused rather than quietly answered with the caller's own schedule.
 */
export const GET: RequestHandler = ({ params, cookies, url }) => {
	const { services } = getDeps();
	const { w, me } = workshopAndDevice(params.workshopId, cookies);
	if (!ROUTE_ID.test(params.activityId)) error(404, 'Not found');
	if (!me) error(401, 'Join the workshop on this device first: a schedule is only given to its own person.');
	if (url.searchParams.has('participant') && url.searchParams.get('participant') !== me.id) error(403, "Someone else's schedule is theirs alone.");
	const out = services.personalExport(w.id, params.activityId, me.id, 'ics');
	if (!out) error(404, 'This BarCamp has no published grid yet.');
	const filename = out.filename;
	return new Response(out.body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
