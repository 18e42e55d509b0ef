import { error } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { publicOrigin } from '$lib/server/badges';
import { ROUTE_ID } from '$lib/server/device';
import type { RequestHandler } from './$types';

/** The organisation's revocation list (a signed BitstringStatusListCredential): verifiers read a credential's bit here. */
export const GET: RequestHandler = async ({ params, url }) => {
	const ok = ROUTE_ID.test(params.orgId) && ROUTE_ID.test(params.listId);
	const json = ok ? await getDeps().badges.statusListCredential(params.orgId, params.listId, publicOrigin(url)) : null;
	if (!json) error(404, 'Not found');
	return new Response(json, { headers: { 'content-type': 'application/vc+ld+json', 'access-control-allow-origin': '*', 'cache-control': 'no-cache' } });
};
