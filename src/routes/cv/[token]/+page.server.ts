import { error } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { langOf, publicOrigin } from '$lib/server/badges';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { PageServerLoad } from './$types';

/** A shared CV: only the credentials chosen for this link, while it lives; 410 with a clear page once revoked or expired. */
export const load: PageServerLoad = ({ params, url, setHeaders }) => {
	setHeaders({ 'x-robots-tag': 'noindex, nofollow', 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' });
	const shared = getDeps().badges.sharedCv(params.token, langOf(getLocale()), publicOrigin(url));
	if (shared.state === 'unknown') error(404, 'Not found');
	if (shared.state !== 'ok') error(410, shared.state === 'revoked' ? 'share_revoked' : 'share_expired');
	return { cv: shared.cv, expiresAt: shared.expiresAt };
};
