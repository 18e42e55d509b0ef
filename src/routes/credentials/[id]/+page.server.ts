import { error } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { ROUTE_ID } from '$lib/server/device';
import type { PageServerLoad } from './$types';

/** The verification page: the server checks the stored credential's proof, issuer, validity and status, and says so. */
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'x-robots-tag': 'noindex', 'cache-control': 'no-cache' });
	const { badges } = getDeps();
	const json = ROUTE_ID.test(params.id) ? badges.credentialJson(params.id) : null;
	if (!json) error(404, 'Not found');
	const report = await badges.verify(json);
	const row = badges.repo.credential(params.id)!;
	return { id: params.id, report, revokedAt: row.revokedAt, revokeReason: row.revokeReason };
};
