import { fail, redirect } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import type { Actions, PageServerLoad } from './$types';

// Opening the link only shows the invitation; accepting is a POST (a GET that changed membership could be set off
// by any page that links or embeds it). A link that leads nowhere (unknown, replaced by a newer one, or of a closed
// workshop) says so at once, before anyone signs up for it; the token is a long random secret, so saying "not valid"
// tells a guesser nothing useful. A member who opens the link goes to the workshop, as before.
export const load: PageServerLoad = ({ locals, params, url }) => {
	const w = params.token.length <= 100 ? getDeps().repos.workshops.byInviteToken(params.token) : undefined;
	if (w && locals.user && getDeps().repos.workshops.memberRole(w.id, locals.user.id)) redirect(303, `/f/w/${w.id}`);
	if (!w || w.status !== 'open') return { next: url.pathname, title: null, valid: false };
	return { next: url.pathname, title: locals.user ? w.title : null, valid: true };
};

export const actions: Actions = {
	default: ({ locals, params, url }) => {
		if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
		// The link can die while the page is open (the owner renewed it, or closed the workshop): the page then says
		// the link is not valid, as it would have on opening, instead of ending in a 404.
		const workshop = params.token.length <= 100 ? getDeps().services.acceptInvite(params.token, locals.user.id) : undefined;
		if (!workshop) return fail(410, { invalid: true });
		redirect(303, `/f/w/${workshop.id}`);
	}
};
