import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { getDeps } from './deps';
import { safeNext, startSession } from './session';

/** The load of the sign-in and sign-up pages: a signed-in facilitator goes on to `next`. */
export function authLoad({ locals, url }: { locals: App.Locals; url: URL }) {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.user) redirect(303, next);
	return { signupOpen: getDeps().services.signupOpen(), next };
}

/**
 * The form action of sign-in or sign-up: on success a session cookie and a redirect to `next`; on refusal the
 * name is kept (never the password) with the reason, 429 when throttled.
 */
export function authAction(kind: 'signIn' | 'signUp') {
	return async (event: RequestEvent) => {
		const form = await event.request.formData();
		const name = String(form.get('name') ?? '').slice(0, 200);
		const password = String(form.get('password') ?? '');
		const next = safeNext(String(form.get('next') ?? ''));
		const result = await getDeps().services[kind](event.getClientAddress(), name, password);
		if (!result.ok) return fail(result.reason === 'rate_limited' ? 429 : 400, { name, reason: result.reason });
		startSession(event.cookies, result.value.id);
		redirect(303, next);
	};
}
