import { error } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import type { RequestHandler } from './$types';

const TYPES = {
	md: 'text/markdown; charset=utf-8',
	csv: 'text/csv; charset=utf-8',
	json: 'application/json; charset=utf-8'
} as const;

const isFormat = (f: string): f is keyof typeof TYPES => Object.hasOwn(TYPES, f);

/**
 * Downloads a board of a workshop the signed-in facilitator belongs to, as Markdown, CSV or JSON; `?tz=` (the
 * browser's time zone, added by the export links) sets the zone of the dates.
 */
export const GET: RequestHandler = ({ locals, params, url }) => {
	if (!locals.user) error(401, 'Sign in first');
	if (!isFormat(params.format)) error(404, 'Not found');
	const { services } = getDeps();
	if (!services.workshopForFacilitator(params.id, locals.user.id)) error(404, 'Not found');
	const result = services.exportBoard(params.id, params.boardId, params.format, { timeZone: url.searchParams.get('tz') ?? undefined });
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
