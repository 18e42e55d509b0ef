import { fail, redirect } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { getDeps } from '$lib/server/deps';
import { BACKPACK_COOKIE, langOf, publicOrigin } from '$lib/server/badges';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** This device's backpack, or null (the cookie is missing, or the backpack was deleted). */
function learnerOf(cookies: RequestEvent['cookies']) {
	return getDeps().badges.learnerOf(cookies.get(BACKPACK_COOKIE)) ?? null;
}

export const load: PageServerLoad = ({ cookies, url }) => {
	const learner = learnerOf(cookies);
	if (!learner) return { learner: null };
	const { badges } = getDeps();
	const origin = publicOrigin(url);
	return {
		learner: { emailBound: !!learner.emailHash, walletDid: learner.walletDid },
		cv: badges.cv(learner.id, langOf(getLocale()), origin),
		shares: badges.shares(learner.id).map((s) => ({ ...s, url: `${origin}/cv/${s.id}` }))
	};
};

const NO_BACKPACK = { reason: 'no_backpack' };

export const actions: Actions = {
	show: async ({ cookies, request }) => {
		const learner = learnerOf(cookies);
		if (!learner) return fail(401, NO_BACKPACK);
		const form = await request.formData();
		const r = getDeps().badges.setShown(learner.id, String(form.get('credential') ?? '').slice(0, 64), form.get('shown') === 'true');
		if (!r.ok) return fail(404, { reason: r.reason });
		return { section: 'show' };
	},
	share: async ({ cookies, request, url }) => {
		const learner = learnerOf(cookies);
		if (!learner) return fail(401, NO_BACKPACK);
		const form = await request.formData();
		const ids = form.getAll('credential').map((v) => String(v).slice(0, 64)).slice(0, 500);
		const r = getDeps().badges.createShare(learner.id, ids, Number(form.get('days')));
		if (!r.ok) return fail(400, { section: 'share', reason: r.reason });
		const link = `${publicOrigin(url)}/cv/${r.value.id}`;
		const svg = await QRCode.toString(link, { type: 'svg', margin: 1 });
		return { section: 'share', link, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
	},
	unshare: async ({ cookies, request }) => {
		const learner = learnerOf(cookies);
		if (!learner) return fail(401, NO_BACKPACK);
		const form = await request.formData();
		const r = getDeps().badges.revokeShare(learner.id, String(form.get('share') ?? '').slice(0, 64));
		if (!r.ok) return fail(404, { section: 'share', reason: r.reason });
		return { section: 'unshare' };
	},
	identity: async ({ cookies, request }) => {
		const learner = learnerOf(cookies);
		if (!learner) return fail(401, NO_BACKPACK);
		const form = await request.formData();
		const input: { email?: string; did?: string } = {};
		if (form.has('email')) input.email = String(form.get('email')).slice(0, 400);
		if (form.has('did')) input.did = String(form.get('did')).slice(0, 400);
		const r = getDeps().badges.bindIdentity(learner.id, input);
		if (!r.ok) return fail(400, { section: 'identity', reason: r.reason });
		return { section: 'identity', saved: true };
	},
	newcode: async ({ cookies }) => {
		const learner = learnerOf(cookies);
		if (!learner) return fail(401, NO_BACKPACK);
		return { section: 'code', recoveryCode: getDeps().badges.newRecoveryCode(learner.id) };
	},
	forget: async ({ cookies }) => {
		const token = cookies.get(BACKPACK_COOKIE);
		if (token) getDeps().badges.repo.removeDevice(token);
		cookies.delete(BACKPACK_COOKIE, { path: '/' });
		redirect(303, '/backpack');
	},
	erase: async ({ cookies, request }) => {
		const learner = learnerOf(cookies);
		if (!learner) return fail(401, NO_BACKPACK);
		const form = await request.formData();
		if (form.get('confirm') !== 'on') return fail(400, { section: 'erase', reason: 'erase_unconfirmed' });
		getDeps().badges.eraseLearner(learner.id);
		cookies.delete(BACKPACK_COOKIE, { path: '/' });
		return { section: 'erased' };
	}
};
