import { fail, redirect } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { safeNext, startSession } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.user) redirect(303, next);
	return { signupOpen: getDeps().services.signupOpen(), next };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const name = String(form.get('name') ?? '').slice(0, 200);
		const password = String(form.get('password') ?? '');
		const next = safeNext(String(form.get('next') ?? ''));
		const result = await getDeps().services.signIn(event.getClientAddress(), name, password);
		if (!result.ok) return fail(result.reason === 'rate_limited' ? 429 : 400, { name, reason: result.reason });
		startSession(event.cookies, result.value.id);
		redirect(303, next);
	}
};
