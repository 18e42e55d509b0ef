import { error, redirect } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params, url }) => {
	if (params.token.length > 100) error(404, 'Not found');
	if (!locals.user) return { next: url.pathname };
	const workshop = getDeps().services.acceptInvite(params.token, locals.user.id);
	if (!workshop) error(404, 'Not found');
	redirect(303, `/f/w/${workshop.id}`);
};
