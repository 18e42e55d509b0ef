import { error, redirect } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { workshopView } from '$lib/protocol/events';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, cookies }) => {
	const { repos } = getDeps();
	const w = /^[A-Za-z0-9_-]{1,64}$/.test(params.workshopId) ? repos.workshops.get(params.workshopId) : undefined;
	if (!w) error(404, 'Not found');
	const me = repos.workshops.participantByToken(w.id, cookies.get(`plenum_p_${w.id}`));
	if (!me) redirect(303, `/j/${w.code}`);
	const workshop = workshopView(w);
	return { workshop, nickname: me.nickname };
};
