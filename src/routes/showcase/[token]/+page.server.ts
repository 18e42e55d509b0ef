import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getDeps } from '$lib/server/deps';
import { hackathonPages } from '../../../../server/features/hackathon/service';
import type { PageServerLoad } from './$types';

/**
 * A hackathon's published showcase, by its unlisted link: the approved projects whose teams agreed. Not for search
 * engines, and the link (the only key to it) is not passed on to the sites its links lead to.
 */
export const load: PageServerLoad = ({ params, setHeaders }) => {
	setHeaders({ 'x-robots-tag': 'noindex', 'referrer-policy': 'no-referrer' });
	const showcase = params.token.length <= 100 ? hackathonPages(getDeps()).showcasePage(params.token) : null;
	if (!showcase) error(404, m.hkv_showcase_not_found());
	return { showcase };
};
