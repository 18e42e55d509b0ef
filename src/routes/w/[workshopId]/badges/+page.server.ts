import { error, fail, redirect } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { getDeps } from '$lib/server/deps';
import { setDeviceCookie } from '$lib/server/cookies';
import { workshopAndDevice } from '$lib/server/device';
import { BACKPACK_COOKIE, BACKPACK_COOKIE_DAYS, langOf, publicOrigin } from '$lib/server/badges';
import { getLocale } from '$lib/paraglide/runtime.js';
import { pick } from '$lib/badges/texts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, cookies }) => {
	const { w, me } = workshopAndDevice(params.workshopId, cookies);
	if (!me) redirect(303, `/j/${w.code}`);
	const { badges } = getDeps();
	const mine = w.status === 'closed' ? badges.participantAwards(w.id, me.id) : null;
	const lang = langOf(getLocale());
	return {
		workshop: { id: w.id, title: w.title },
		organisation: mine?.organisation ?? null,
		awards: (mine?.awards ?? []).map((a) => ({ id: a.id, name: pick(a.name, lang), description: pick(a.description, lang), kind: a.kind })),
		takenHome: mine?.takenHome ?? false,
		hasBackpack: !!badges.learnerOf(cookies.get(BACKPACK_COOKIE))
	};
};

export const actions: Actions = {
	default: async ({ params, cookies, url }) => {
		const { w, me } = workshopAndDevice(params.workshopId, cookies);
		if (!me) error(401, 'Join the workshop on this device first.');
		const { badges } = getDeps();
		const r = await badges.takeHome(w.id, me.id, cookies.get(BACKPACK_COOKIE), publicOrigin(url));
		if (!r.ok) return fail(400, { reason: r.reason });
		if (r.value.deviceToken) {
			setDeviceCookie(cookies, BACKPACK_COOKIE, r.value.deviceToken, BACKPACK_COOKIE_DAYS);
		}
		if (!r.value.recoveryCode) redirect(303, '/backpack');
		// A new backpack: its recovery code is shown here once (never stored readable), with a QR code to photograph.
		const openUrl = `${publicOrigin(url)}/backpack/open#${r.value.recoveryCode}`;
		const svg = await QRCode.toString(openUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
		return { recoveryCode: r.value.recoveryCode, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, issued: r.value.issued };
	}
};
