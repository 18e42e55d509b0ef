import { fail, redirect } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { readOrganisationForm } from '$lib/server/badges';
import type { Actions, PageServerLoad } from './$types';

const SIGN_IN = '/login?next=%2Ff%2Forgs';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, SIGN_IN);
	return { organisations: getDeps().badges.repo.organisationsOf(locals.user.id).map((o) => ({ id: o.id, name: o.name, url: o.url, role: o.role, logo: o.logo })) };
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		if (!locals.user) redirect(303, SIGN_IN);
		const input = await readOrganisationForm(request);
		if (!input.ok) return fail(400, { reason: input.reason });
		const result = await getDeps().badges.createOrganisation(locals.user.id, input.value);
		if (!result.ok) return fail(400, { reason: result.reason, name: input.value.name, url: input.value.url, description: input.value.description });
		redirect(303, `/f/orgs/${result.value.id}`);
	}
};
