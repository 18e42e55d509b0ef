import { fail, redirect } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/login?next=%2Ff');
	const workshops = getDeps()
		.repos.workshops.listForUser(locals.user.id)
		.map((w) => ({ id: w.id, title: w.title, code: w.code, status: w.status, role: w.role, locale: w.locale, createdAt: w.createdAt }));
	const organisations = getDeps().badges.repo.organisationsOf(locals.user.id).map((o) => ({ id: o.id, name: o.name }));
	return { workshops, organisations };
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		if (!locals.user) redirect(303, '/login?next=%2Ff');
		const form = await request.formData();
		const title = String(form.get('title') ?? '').slice(0, 400);
		const locale = String(form.get('locale') ?? 'en');
		const organisationId = String(form.get('organisation') ?? '').slice(0, 64);
		const { services, badges } = getDeps();
		// Only an organisation this facilitator belongs to can be the workshop's issuer; none: it awards nothing.
		const org = organisationId && badges.repo.memberRole(organisationId, locals.user.id) ? organisationId : null;
		const result = services.createWorkshop(locals.user.id, title, locale);
		if (!result.ok) return fail(400, { title, locale, reason: result.reason });
		if (org) badges.repo.setWorkshopOrganisation(result.value.id, org);
		redirect(303, `/f/w/${result.value.id}`);
	}
};
