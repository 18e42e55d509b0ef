import { error } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { ROUTE_ID } from '$lib/server/device';
import { badgeSvg } from '$lib/badges/image';
import { pick, texts } from '$lib/badges/texts';
import type { RequestHandler } from './$types';

/** An achievement's image (`achievement.image` of its credentials): the generated default drawing. */
export const GET: RequestHandler = ({ params }) => {
	const a = ROUTE_ID.test(params.achievementId) ? getDeps().badges.repo.achievement(params.achievementId) : undefined;
	if (!a || a.organisationId !== params.orgId) error(404, 'Not found');
	return new Response(badgeSvg(pick(texts(a.name), 'en'), a.kind), {
		headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'", 'x-content-type-options': 'nosniff' }
	});
};
