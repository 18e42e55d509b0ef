import { authAction, authLoad } from '$lib/server/auth-routes';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = authLoad;

export const actions: Actions = { default: authAction('signIn') };
