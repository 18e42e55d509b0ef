import { joinCodeAction, joinCodeLoad } from '$lib/server/join-by-code';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => joinCodeLoad(url);

export const actions: Actions = {
	default: ({ request, getClientAddress }) => joinCodeAction(request, getClientAddress())
};
