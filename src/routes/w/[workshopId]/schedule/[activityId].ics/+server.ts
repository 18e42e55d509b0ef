import { error } from '@sveltejs/kit';
import { participantCookie } from '$lib/server/cookies';
import { getDeps } from '$lib/server/deps';
import type { RequestHandler } from './$types';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A participant's own BarCamp schedule as iCal (what they host, marked or checked in to), for their calendar app. The
 * person is the one of this device's cookie: the address names no person, and a request that tries to name one is
 * refused rather than quietly answered with the caller's own schedule.
 */
export const GET: RequestHandler = ({ params, cookies, url }) => {
	const { repos, services } = getDeps();
	const w = ID.test(params.workshopId) ? repos.workshops.get(params.workshopId) : undefined;
	if (!w || !ID.test(params.activityId)) error(404, 'Not found');
	const me = repos.workshops.participantByToken(w.id, cookies.get(participantCookie(w.id)));
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
