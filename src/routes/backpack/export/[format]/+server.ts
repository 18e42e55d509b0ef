import { error } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { BACKPACK_COOKIE, langOf, publicOrigin } from '$lib/server/badges';
import { getLocale } from '$lib/paraglide/runtime.js';
import { skillLabel } from '$lib/badges/why';
import type { RequestHandler } from './$types';

/**
 * The backpack's exports, of the badges the learner shows on their CV: `pdf` (a CV of one or two A4 pages with a QR
 * code per badge; `?name=` puts a name on it for this file only), `zip` (every credential as its OB3 JSON), `clr`
 * (a CLR 2.0 credential bundling them, signed) and `resume` (JSON Resume).
 */
export const GET: RequestHandler = async ({ params, cookies, url }) => {
	const { badges } = getDeps();
	const learner = badges.learnerOf(cookies.get(BACKPACK_COOKIE));
	if (!learner) error(401, 'There is no backpack on this device.');
	const origin = publicOrigin(url);
	const lang = langOf(getLocale());
	const holderName = (url.searchParams.get('name') ?? '').trim().slice(0, 80) || null;
	const timeZone = url.searchParams.get('tz') ?? undefined;
	const out = await badges.exportCv(learner.id, params.format, { lang, origin, holderName, skillLabel, timeZone });
	if (!out) error(404, 'Not found');
	return new Response(out.body as BodyInit, {
		headers: {
			'content-type': out.type,
			'content-disposition': `attachment; filename="${out.filename}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
