import { fail, redirect } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { langOf, organisationFor, publicOrigin, readOrganisationForm } from '$lib/server/badges';
import { getLocale } from '$lib/paraglide/runtime.js';
import { pick } from '$lib/badges/texts';
import type { Actions, PageServerLoad } from './$types';

const signIn = (orgId: string) => `/login?next=${encodeURIComponent(`/f/orgs/${orgId}`)}`;

export const load: PageServerLoad = ({ locals, params, url }) => {
	if (!locals.user) redirect(303, signIn(params.orgId));
	const { org, role } = organisationFor(params.orgId, locals.user.id);
	const { badges } = getDeps();
	const lang = langOf(getLocale());
	const origin = publicOrigin(url);
	const overview = badges.overview(locals.user.id, org.id)!;
	return {
		org: { id: org.id, name: org.name, url: org.url, description: org.description, logo: org.logo },
		role,
		lang,
		issuer: badges.issuerId(org.id, origin),
		didWeb: origin.startsWith('https://'),
		members: badges.repo.members(org.id),
		keys: badges.repo.keys(org.id).map((k) => ({ id: k.id, createdAt: k.createdAt, retiredAt: k.retiredAt, publicKeyMultibase: k.publicKeyMultibase })),
		achievements: badges.achievementViews(org.id, lang, overview.achievements),
		workshops: overview.workshops,
		credentials: overview.credentials.map((c) => ({ ...c, achievement: pick(c.achievement, lang) }))
	};
};

export const actions: Actions = {
	details: async ({ locals, params, request }) => {
		if (!locals.user) redirect(303, signIn(params.orgId));
		const input = await readOrganisationForm(request);
		if (!input.ok) return fail(400, { section: 'details', reason: input.reason });
		const r = getDeps().badges.updateOrganisation(locals.user.id, params.orgId, input.value);
		if (!r.ok) return fail(r.reason === 'not_member' ? 403 : 400, { section: 'details', reason: r.reason });
		return { section: 'details', saved: true };
	},
	member: async ({ locals, params, request }) => {
		if (!locals.user) redirect(303, signIn(params.orgId));
		const form = await request.formData();
		const r = getDeps().badges.addMember(locals.user.id, params.orgId, String(form.get('account') ?? '').slice(0, 100));
		if (!r.ok) return fail(r.reason === 'not_owner' ? 403 : 400, { section: 'members', reason: r.reason });
		return { section: 'members', saved: true };
	},
	rotate: async ({ locals, params }) => {
		if (!locals.user) redirect(303, signIn(params.orgId));
		const r = await getDeps().badges.rotateKey(locals.user.id, params.orgId);
		if (!r.ok) return fail(403, { section: 'keys', reason: r.reason });
		return { section: 'keys', saved: true };
	},
	achievement: async ({ locals, params, request }) => {
		if (!locals.user) redirect(303, signIn(params.orgId));
		const form = await request.formData();
		const field = (k: string, max = 2000) => String(form.get(k) ?? '').slice(0, max);
		const id = field('id', 64);
		const { badges } = getDeps();
		if (badges.repo.achievement(id)?.organisationId !== params.orgId) return fail(404, { section: 'achievements', id, reason: 'not_found' });
		const threshold = form.get('threshold');
		const r = badges.updateAchievement(locals.user.id, id, {
			lang: langOf(field('lang', 5)),
			name: field('name', 400),
			description: field('description'),
			criteria: field('criteria'),
			tier: field('tier') === 'confirm' ? 'confirm' : 'standard',
			archived: form.get('archived') === 'on',
			threshold: threshold === null || threshold === '' ? null : Number(threshold),
			esco: { name: field('esco_name', 300), url: field('esco_url', 300) }
		});
		if (!r.ok) return fail(r.reason === 'not_member' ? 403 : 400, { section: 'achievements', id, reason: r.reason });
		return { section: 'achievements', id, saved: true };
	},
	revoke: async ({ locals, params, request }) => {
		if (!locals.user) redirect(303, signIn(params.orgId));
		const form = await request.formData();
		const id = String(form.get('id') ?? '').slice(0, 64);
		const { badges } = getDeps();
		if (badges.repo.credential(id)?.organisationId !== params.orgId) return fail(404, { section: 'credentials', id, reason: 'not_found' });
		const r = badges.revoke(locals.user.id, id, String(form.get('reason') ?? '').slice(0, 1000));
		if (!r.ok) return fail(r.reason === 'not_member' ? 403 : 400, { section: 'credentials', id, reason: r.reason });
		return { section: 'credentials', id, saved: true };
	}
};
