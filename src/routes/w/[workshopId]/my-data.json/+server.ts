import { error } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { workshopAndDevice } from '$lib/server/device';
import type { RequestHandler } from './$types';

/**
 * "Your data" as a JSON file: everything the workshop keeps about the person of this device's cookie (the same as
 * the phone's panel and the readable page, `services.myData`). The address names no person: only the cookie does.
 */
export const GET: RequestHandler = ({ params, cookies }) => {
	const { services } = getDeps();
	const { w, me } = workshopAndDevice(params.workshopId, cookies);
	if (!me) error(401, 'Join the workshop on this device first: your data is only given to you.');
	const data = services.myData(w.id, me.id);
	if (!data) error(404, 'Not found');
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="plenum-my-data.json"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
