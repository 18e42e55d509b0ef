import { fail, redirect } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({ code: (url.searchParams.get('code') ?? '').slice(0, 20) });

export const actions: Actions = {
	default: async ({ request, getClientAddress }) => {
		const data = await request.formData();
		const code = String(data.get('code') ?? '').slice(0, 40);
		const found = getDeps().services.findOpenByCode(getClientAddress(), code);
		if (!found.ok) return fail(found.reason === 'rate_limited' ? 429 : 400, { code, error: found.reason });
		redirect(303, `/j/${found.value.code}`);
	}
};
