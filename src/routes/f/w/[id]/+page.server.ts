import { error, redirect } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { getDeps } from '$lib/server/deps';
import { workshopView } from '$lib/protocol/events';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const found = getDeps().services.workshopForFacilitator(params.id, locals.user.id);
	if (!found) error(404, 'Not found');
	const w = found.workshop;
	const joinUrl = `${url.origin}/j/${w.code}`;
	const svg = await QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#16132b', light: '#ffffff' } });
	const workshop = workshopView(w);
	return {
		workshop,
		role: found.role,
		origin: url.origin,
		joinUrl,
		qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
		projectorToken: w.projectorToken,
		// The invite link and who came through it are the owner's: a co-facilitator's page carries neither.
		inviteToken: found.role === 'owner' ? w.inviteToken : null,
		cofacilitators: found.role === 'owner' ? getDeps().repos.workshops.cofacilitators(w.id) : null
	};
};
