import { error } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { ROUTE_ID } from '$lib/server/device';
import type { RequestHandler } from './$types';

/**
 * The organisation's logo (its credentials' issuer image). An uploaded SVG could hold a script: it is served with a
 * sandboxing Content-Security-Policy, so opened on its own it runs nothing.
 */
export const GET: RequestHandler = ({ params }) => {
	const org = ROUTE_ID.test(params.orgId) ? getDeps().badges.repo.organisation(params.orgId) : undefined;
	const m = org?.logo ? /^data:(image\/(?:png|jpeg|svg\+xml));base64,([A-Za-z0-9+/=]+)$/.exec(org.logo) : null;
	if (!m) error(404, 'Not found');
	return new Response(Buffer.from(m[2], 'base64'), {
		headers: {
			'content-type': m[1],
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
			'x-content-type-options': 'nosniff',
			'cache-control': 'public, max-age=300'
		}
	});
};
