import { error, redirect } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import type { Actions, PageServerLoad } from './$types';

/** The workshop of an invite link, or a 404 (an unknown or rotated link says no more than that). */
function invited(token: string) {
	const w = token.length <= 100 ? getDeps().repos.workshops.byInviteToken(token) : undefined;
	if (!w) error(404, 'Not found');
	return w;
}

// Opening the link only shows the invitation; accepting is a POST (a GET that changed membership could be set off
// by any page that links or embeds it).
export const load: PageServerLoad = ({ locals, params, url }) => {
	if (!locals.user) {
		if (params.token.length > 100) error(404, 'Not found');
		return { next: url.pathname, title: null };
	}
	const w = invited(params.token);
	if (getDeps().repos.workshops.memberRole(w.id, locals.user.id)) redirect(303, `/f/w/${w.id}`);
	// A closed workshop's invite link is dead for newcomers: no invitation to accept that would only fail.
	if (w.status !== 'open') error(404, 'Not found');
	return { next: url.pathname, title: w.title };
};

export const actions: Actions = {
	default: ({ locals, params, url }) => {
		if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
		const workshop = getDeps().services.acceptInvite(params.token, locals.user.id);
		if (!workshop) error(404, 'Not found');
		redirect(303, `/f/w/${workshop.id}`);
	}
};
