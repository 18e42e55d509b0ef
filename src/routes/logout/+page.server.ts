import { redirect } from '@sveltejs/kit';
import { endSession } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: ({ cookies }) => {
		endSession(cookies);
		redirect(303, '/');
	}
};
