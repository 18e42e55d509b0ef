import { fail, redirect } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { setDeviceCookie } from '$lib/server/cookies';
import { safeNext } from '$lib/server/session';
import { BACKPACK_COOKIE, BACKPACK_COOKIE_DAYS } from '$lib/server/badges';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, url }) => {
		const form = await request.formData();
		const code = String(form.get('code') ?? '').slice(0, 100);
		const { badges } = getDeps();
		const r = badges.openWithCode(getClientAddress(), code);
		if (!r.ok) return fail(r.reason === 'rate_limited' ? 429 : 400, { reason: r.reason });
		setDeviceCookie(cookies, BACKPACK_COOKIE, r.value.deviceToken, BACKPACK_COOKIE_DAYS);
		// Only a path on this site (no open redirect): the sign-in's check.
		redirect(303, safeNext(url.searchParams.get('next'), '/backpack'));
	}
};
