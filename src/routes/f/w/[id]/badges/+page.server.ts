import { error, fail, redirect } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { langOf, publicOrigin } from '$lib/server/badges';
import { getLocale } from '$lib/paraglide/runtime.js';
import { pick, texts } from '$lib/badges/texts';
import type { Actions, PageServerLoad } from './$types';

const signIn = (id: string) => `/login?next=${encodeURIComponent(`/f/w/${id}/badges`)}`;

export const load: PageServerLoad = ({ locals, params }) => {
	if (!locals.user) redirect(303, signIn(params.id));
	const { services, badges } = getDeps();
	const found = services.workshopForFacilitator(params.id, locals.user.id);
	if (!found) error(404, 'Not found');
	const w = found.workshop;
	const org = badges.repo.workshopOrganisation(w.id);
	const lang = langOf(getLocale());
	const base = { workshop: { id: w.id, title: w.title, status: w.status }, organisation: org ? { id: org.id, name: org.name } : null, member: !!org && !!badges.repo.memberRole(org.id, locals.user.id) };
	if (!org || w.status !== 'closed') return { ...base, lines: [], people: [], achievements: [] };
	const lines = badges.pending(w.id)!.map((l) => ({ ...l, achievementName: pick(l.achievementName, lang) }));
	return {
		...base,
		lines,
		people: badges.repo
			.participantsOf(w.id)
			.filter((p) => p.removedAt === null)
			.map((p) => ({ id: p.id, nickname: p.nickname }))
			.sort((a, b) => a.nickname.localeCompare(b.nickname)),
		achievements: badges.repo.achievementsOf(org.id).map((a) => ({ id: a.id, name: pick(texts(a.name), lang) }))
	};
};

export const actions: Actions = {
	confirm: async ({ locals, params, request, url }) => {
		if (!locals.user) redirect(303, signIn(params.id));
		const form = await request.formData();
		const ids = form.getAll('award').map((v) => String(v).slice(0, 64)).slice(0, 10_000);
		const r = await getDeps().badges.decide(params.id, locals.user.id, ids, publicOrigin(url));
		if (!r.ok) return fail(r.reason === 'not_member' ? 403 : 400, { reason: r.reason });
		return { decided: r.value };
	},
	add: async ({ locals, params, request }) => {
		if (!locals.user) redirect(303, signIn(params.id));
		const form = await request.formData();
		const r = getDeps().badges.addManual(params.id, locals.user.id, String(form.get('participant') ?? '').slice(0, 64), String(form.get('achievement') ?? '').slice(0, 64));
		if (!r.ok) return fail(r.reason === 'not_member' ? 403 : 400, { reason: r.reason });
		return { added: true };
	},
	restore: async ({ locals, params, request }) => {
		if (!locals.user) redirect(303, signIn(params.id));
		const form = await request.formData();
		const r = getDeps().badges.restore(params.id, locals.user.id, String(form.get('award') ?? '').slice(0, 64));
		if (!r.ok) return fail(r.reason === 'not_member' ? 403 : 400, { reason: r.reason });
		return { restored: true };
	}
};
