import { fail, redirect } from '@sveltejs/kit';
import { changePassword } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const SIGN_IN = '/login?next=%2Faccount';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, SIGN_IN);
	return { name: locals.user.name };
};

/** Which field a refusal points at, so the page can mark it (no password is ever sent back). */
const FIELD = { bad_current: 'current', rate_limited: 'current', password_short: 'password', password_long: 'password', password_mismatch: 'repeat' } as const;

export const actions: Actions = {
	password: async ({ locals, request, cookies, getClientAddress }) => {
		if (!locals.user) redirect(303, SIGN_IN);
		const form = await request.formData();
		const field = (key: string) => String(form.get(key) ?? '').slice(0, 1000);
		const result = await changePassword(cookies, getClientAddress(), { current: field('current'), password: field('password'), repeat: field('repeat') });
		if (!result) redirect(303, SIGN_IN);
		if (!result.ok) return fail(result.reason === 'rate_limited' ? 429 : 400, { reason: result.reason, field: FIELD[result.reason] });
		return { changed: true as const, endedSessions: result.value.endedSessions };
	}
};
