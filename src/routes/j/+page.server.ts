import { joinCodeAction, joinCodeLoad } from '$lib/server/join-by-code';
import type { Actions, PageServerLoad } from './$types';

// The short address the projector shows (host/j) asks for the code exactly as /join does.
export const load: PageServerLoad = ({ url }) => joinCodeLoad(url);

export const actions: Actions = {
	default: ({ request, getClientAddress }) => joinCodeAction(request, getClientAddress())
};
