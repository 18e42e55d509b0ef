import { error } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import type { RequestHandler } from './$types';

const TYPES: Record<string, string> = {
	md: 'text/markdown; charset=utf-8',
	csv: 'text/csv; charset=utf-8',
	json: 'application/json; charset=utf-8',
	ics: 'text/calendar; charset=utf-8'
};

/**
 * Downloads an activity of a workshop the signed-in facilitator belongs to, in one of its module's formats (the
 * board: Markdown, CSV or JSON; the BarCamp also iCal); `?tz=` (the browser's time zone, added by the export links) sets the zone of the
 * dates.
 */
export const GET: RequestHandler = ({ locals, params, url }) => {
	if (!locals.user) error(401, 'Sign in first');
	if (!Object.hasOwn(TYPES, params.format)) error(404, 'Not found');
	const { services } = getDeps();
	if (!services.workshopForFacilitator(params.id, locals.user.id)) error(404, 'Not found');
	const result = services.exportActivity(params.id, params.activityId, params.format, { timeZone: url.searchParams.get('tz') ?? undefined });
	if (!result) error(404, 'Not found');
	const ascii = result.filename.replace(/[^\w.-]/g, '_');
	return new Response(result.body, {
		headers: {
			'content-type': TYPES[params.format],
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(result.filename)}`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
