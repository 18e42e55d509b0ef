import { fail, redirect } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { BACKPACK_COOKIE, BACKPACK_COOKIE_DAYS } from '$lib/server/badges';
import type { Actions } from './$types';

/** Only a local path may be where the page goes next (no open redirect). */
const safeNext = (raw: string | null) => (raw && /^\/[A-Za-z0-9/_-]*$/.test(raw) && !raw.startsWith('//') ? raw : '/backpack');

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, url }) => {
		const form = await request.formData();
		const code = String(form.get('code') ?? '').slice(0, 100);
		const { badges, config } = getDeps();
		const r = badges.openWithCode(getClientAddress(), code);
		if (!r.ok) return fail(r.reason === 'rate_limited' ? 429 : 400, { reason: r.reason });
		cookies.set(BACKPACK_COOKIE, r.value.deviceToken, { httpOnly: true, sameSite: 'lax', path: '/', secure: config.secureCookies, maxAge: BACKPACK_COOKIE_DAYS * 86_400 });
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
