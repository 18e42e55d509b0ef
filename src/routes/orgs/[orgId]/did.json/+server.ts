import { error } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { publicOrigin } from '$lib/server/badges';
import { ROUTE_ID } from '$lib/server/device';
import type { RequestHandler } from './$types';

/** The organisation's did:web document: every key it ever signed with (the active one and the retired ones). */
export const GET: RequestHandler = ({ params, url }) => {
	const doc = ROUTE_ID.test(params.orgId) ? getDeps().badges.didDocument(params.orgId, publicOrigin(url)) : null;
	if (!doc) error(404, 'Not found');
	return new Response(JSON.stringify(doc, null, 2), { headers: { 'content-type': 'application/did+json', 'access-control-allow-origin': '*', 'cache-control': 'no-cache' } });
};
