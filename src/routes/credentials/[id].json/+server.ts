import { error } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { ROUTE_ID } from '$lib/server/device';
import type { RequestHandler } from './$types';

/** A credential exactly as it was signed (its `id` is this address). Public: whoever holds the address may check it. */
export const GET: RequestHandler = ({ params }) => {
	const json = ROUTE_ID.test(params.id) ? getDeps().badges.credentialJson(params.id) : null;
	if (!json) error(404, 'No credential with this id.');
	return new Response(json, {
		headers: { 'content-type': 'application/vc+ld+json; charset=utf-8', 'access-control-allow-origin': '*', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', 'x-robots-tag': 'noindex' }
	});
};
