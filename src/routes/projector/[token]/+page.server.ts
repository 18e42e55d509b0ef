import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { m } from '$lib/paraglide/messages.js';
import { getDeps } from '$lib/server/deps';
import { workshopView } from '$lib/protocol/events';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	const w = params.token.length <= 100 ? getDeps().repos.workshops.byProjectorToken(params.token) : undefined;
	if (!w) error(404, m.proj_not_found());
	// The link is a credential: keep it out of caches and referrers.
	setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
	const joinUrl = `${url.origin}/j/${w.code}`;
	const svg = await QRCode.toString(joinUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
	const workshop = workshopView(w);
	return {
		workshop,
		projectorToken: params.token,
		joinUrl,
		qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
	};
};
