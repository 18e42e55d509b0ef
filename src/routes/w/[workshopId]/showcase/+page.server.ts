import { randomUUID } from 'node:crypto';
import { error, fail } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { workshopAndDevice } from '$lib/server/device';
import type { ErrorCode } from '$lib/protocol/commands';
import { hackathonPages } from '../../../../../server/features/hackathon/service';
import type { Actions, PageServerLoad } from './$types';

/**
 * The person's teams with their consent to the showcase (the project in it, their nickname with it), for this
 * device's participant only; open after the workshop has closed too.
 */
export const load: PageServerLoad = ({ params, cookies, setHeaders }) => {
	const { w, me } = workshopAndDevice(params.workshopId, cookies);
	if (!me) error(401, 'Join the workshop on this device first: only you decide about your projects.');
	setHeaders({ 'cache-control': 'private, no-store' });
	return { workshop: { id: w.id, title: w.title }, teams: hackathonPages(getDeps()).myTeams(w.id, me.id) };
};

export const actions: Actions = {
	/** One team's consent, through the live write path (`team:consent`, taken after the workshop closed too). */
	default: async ({ params, cookies, request, getClientAddress }) => {
		const { w, me } = workshopAndDevice(params.workshopId, cookies);
		if (!me) error(401, 'Join the workshop on this device first.');
		const form = await request.formData();
		const teamId = String(form.get('teamId') ?? '').slice(0, 100);
		const showcase = form.get('showcase') === 'on';
		// A nickname only goes with a project that is shown.
		const showName = showcase && form.get('showName') === 'on';
		const deps = getDeps();
		const r = deps.notifier.command(hackathonPages(deps).participantCaller(w.id, me, getClientAddress()), 'team:consent', { key: randomUUID(), teamId, showcase, showName });
		if (!r.ok) return fail(400, { teamId, showcase, showName, error: r.error as ErrorCode });
		return { teamId, saved: true };
	}
};
