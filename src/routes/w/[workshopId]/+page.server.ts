import { redirect } from '@sveltejs/kit';
import { workshopAndDevice } from '$lib/server/device';
import { workshopView } from '$lib/protocol/events';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, cookies }) => {
	const { w, me } = workshopAndDevice(params.workshopId, cookies);
	if (!me) redirect(303, `/j/${w.code}`);
	const workshop = workshopView(w);
	return { workshop, nickname: me.nickname };
};
