import { fail, redirect } from '@sveltejs/kit';
import { participantCookie, setDeviceCookie } from '$lib/server/cookies';
import { normalizeJoinCode } from '$lib/domain/join-code';
import { suggestNickname } from '$lib/domain/nickname';
import { getDeps } from '$lib/server/deps';
import { BACKPACK_COOKIE } from '$lib/server/badges';
import type { Actions, PageServerLoad } from './$types';

const PARTICIPANT_COOKIE_DAYS = 60;

/** The workshop this browser already takes part in under this code, if its participant cookie is still valid. */
function alreadyJoined(code: string, cookies: { get(name: string): string | undefined }): string | null {
	const { repos } = getDeps();
	const norm = normalizeJoinCode(code);
	const w = norm ? repos.workshops.byCode(norm) : undefined;
	if (!w) return null;
	return repos.workshops.participantByToken(w.id, cookies.get(participantCookie(w.id))) ? w.id : null;
}

/** Whether this browser's device cookie for the workshop belongs to someone the staff removed from it. */
function removedHere(workshopId: string, cookies: { get(name: string): string | undefined }): boolean {
	return getDeps().repos.workshops.removedByToken(workshopId, cookies.get(participantCookie(workshopId)));
}

/** The throttled look-up of this request's code: the one the language hook made, or a new one. */
function findOpen(params: { code: string }, locals: App.Locals, ip: string) {
	const earlier = locals.joinLookup?.code === params.code ? locals.joinLookup.result : undefined;
	return getDeps().services.findOpenByCode(ip, params.code, Date.now(), earlier);
}

export const load: PageServerLoad = ({ params, cookies, locals, getClientAddress }) => {
	const joined = alreadyJoined(params.code, cookies);
	if (joined) redirect(303, `/w/${joined}`);
	const found = findOpen(params, locals, getClientAddress());
	if (!found.ok) return { ok: false as const, error: found.reason };
	if (found.value.code !== params.code) redirect(308, `/j/${found.value.code}`);
	// A removed person's device stays out: the page says so instead of offering a nickname.
	if (removedHere(found.value.id, cookies)) return { ok: false as const, error: 'removed' as const };
	const backpack = !!getDeps().badges.learnerOf(cookies.get(BACKPACK_COOKIE));
	return { ok: true as const, title: found.value.title, code: found.value.code, locale: found.value.locale, suggestion: suggestNickname(Math.random, found.value.locale), backpack };
};

export const actions: Actions = {
	default: async ({ request, params, cookies, locals, getClientAddress }) => {
		const joined = alreadyJoined(params.code, cookies);
		if (joined) redirect(303, `/w/${joined}`);
		const data = await request.formData();
		const nickname = String(data.get('nickname') ?? '').slice(0, 200);
		const { services } = getDeps();
		const found = findOpen(params, locals, getClientAddress());
		if (!found.ok) return fail(found.reason === 'rate_limited' ? 429 : 400, { nickname, error: found.reason });
		const w = found.value;
		if (removedHere(w.id, cookies)) return fail(403, { nickname, error: 'removed' as const });
		const result = services.join(w, nickname);
		if (!result.ok) return fail(result.reason === 'rate_limited' ? 429 : 400, { nickname, error: result.reason });
		// Brought only when the young person ticks it: their events here then count for achievements across workshops.
		if (data.get('backpack') === 'on') {
			const { badges } = getDeps();
			const learner = badges.learnerOf(cookies.get(BACKPACK_COOKIE));
			if (learner) badges.bringBackpack(result.value.id, w.id, learner.id);
		}
		setDeviceCookie(cookies, participantCookie(w.id), result.value.token, PARTICIPANT_COOKIE_DAYS);
		redirect(303, `/w/${w.id}`);
	}
};
