import { randomUUID } from 'node:crypto';
import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getDeps } from '$lib/server/deps';
import type { ErrorCode } from '$lib/protocol/commands';
import { hackathonPages } from '../../../../server/features/hackathon/service';
import type { Actions, PageServerLoad } from './$types';

/** A jury link's token is short; anything longer is not looked up at all. */
const TOKEN_MAX = 100;

function pages() {
	return hackathonPages(getDeps());
}

/** The juror the link names, or a 404 (an unknown, replaced or removed link). */
function jurorOf(token: string) {
	const j = token.length <= TOKEN_MAX ? pages().jurorByToken(token) : null;
	if (!j) error(404, m.hkv_jury_not_found());
	return j;
}

export const load: PageServerLoad = ({ params, setHeaders }) => {
	// The link is a credential: kept out of caches, and out of other sites' referrers. Not `no-referrer` as on the
	// projector: under it a browser sends `Origin: null` with a plain form POST, and the cross-site check (rightly)
	// refuses the scores of a juror whose page has no scripts (see server/http.ts); the links also carry noreferrer.
	setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'same-origin' });
	const jury = params.token.length <= TOKEN_MAX ? pages().juryPage(params.token) : null;
	if (!jury) error(404, m.hkv_jury_not_found());
	return { jury };
};

/** A form's text field, bounded before it goes anywhere. */
const field = (form: FormData, name: string, max: number) => String(form.get(name) ?? '').slice(0, max);

export const actions: Actions = {
	/** One team's scores and comment, through the live write path (the same checks and refusals as a socket's). */
	score: async ({ params, request, getClientAddress }) => {
		const j = jurorOf(params.token);
		const form = await request.formData();
		const teamId = field(form, 'teamId', 100);
		const comment = field(form, 'comment', 4000);
		const scores: Record<string, number> = {};
		for (const [name, value] of form) {
			if (typeof value !== 'string' || !name.startsWith('score:')) continue;
			const n = Number(value);
			if (value.trim() !== '' && Number.isFinite(n)) scores[name.slice('score:'.length).slice(0, 100)] = n;
		}
		const r = getDeps().notifier.command(pages().jurorCaller(j, getClientAddress()), 'jury:score', { key: randomUUID(), teamId, scores, comment });
		// What was typed goes back with a refusal, so the form keeps it.
		if (!r.ok) return fail(400, { action: 'score' as const, teamId, scores, comment, error: r.error as ErrorCode });
		return { action: 'score' as const, teamId, saved: true };
	},
	/** "I'm done" or "Not done yet": judging closes by itself once every juror is done. */
	done: async ({ params, request, getClientAddress }) => {
		const j = jurorOf(params.token);
		const form = await request.formData();
		const done = form.get('done') === 'true';
		const r = getDeps().notifier.command(pages().jurorCaller(j, getClientAddress()), 'jury:done', { key: randomUUID(), activityId: j.activityId, done });
		if (!r.ok) return fail(400, { action: 'done' as const, error: r.error as ErrorCode });
		return { action: 'done' as const, done };
	}
};
