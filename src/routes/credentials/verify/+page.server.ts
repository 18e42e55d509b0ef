import { fail } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import type { Actions } from './$types';

const MAX = 256 * 1024;

/** Checks a credential someone pastes or uploads (a copy they were given): the same checks as a stored one. */
export const actions: Actions = {
	default: async ({ request }) => {
		const form = await request.formData();
		let text = String(form.get('json') ?? '');
		const file = form.get('file');
		if (file instanceof File && file.size > 0) {
			if (file.size > MAX) return fail(413, { reason: 'too_large' as const });
			text = await file.text();
		}
		if (text.length > MAX) return fail(413, { reason: 'too_large' as const });
		if (!text.trim()) return fail(400, { reason: 'empty' as const });
		const report = await getDeps().badges.verify(text);
		return { report };
	}
};
