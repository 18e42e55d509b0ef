import { fail, redirect } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/login?next=%2Ff');
	const workshops = getDeps()
		.repos.workshops.listForUser(locals.user.id)
		.map((w) => ({ id: w.id, title: w.title, code: w.code, status: w.status, role: w.role, locale: w.locale, createdAt: w.createdAt }));
	return { workshops };
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		if (!locals.user) redirect(303, '/login?next=%2Ff');
		const form = await request.formData();
		const title = String(form.get('title') ?? '').slice(0, 400);
		const locale = String(form.get('locale') ?? 'en');
		const result = getDeps().services.createWorkshop(locals.user.id, title, locale);
		if (!result.ok) return fail(400, { title, locale, reason: result.reason });
		redirect(303, `/f/w/${result.value.id}`);
	}
};
