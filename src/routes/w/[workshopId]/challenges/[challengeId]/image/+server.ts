import { error, json } from '@sveltejs/kit';
import { getDeps } from '$lib/server/deps';
import { ROUTE_ID } from '$lib/server/device';
import { SESSION_COOKIE } from '$lib/server/cookies';
import { IMAGE_MAX_BYTES, IMAGE_TYPES } from '$lib/features/hackathon/domain';
import { hackathonPages } from '../../../../../../../server/features/hackathon/service';
import type { RequestHandler } from './$types';

/**
 * A challenge's image, kept on this server (a venue without internet shows it, and no third party learns who looked).
 * GET for anyone; POST (multipart field `image`) and DELETE for the workshop's facilitators, applied as the command
 * `hackathon:challenges` (op `image`) on the live write path, because a socket frame is too small for an image.
 */
export const GET: RequestHandler = ({ params }) => {
	const img = ROUTE_ID.test(params.workshopId) && ROUTE_ID.test(params.challengeId) ? hackathonPages(getDeps()).challengeImage(params.workshopId, params.challengeId) : null;
	if (!img) error(404, 'Not found');
	return new Response(new Uint8Array(img.bytes), {
		headers: { 'content-type': img.type, 'x-content-type-options': 'nosniff', 'cache-control': 'private, max-age=60', 'content-security-policy': "default-src 'none'; sandbox" }
	});
};

function send(event: Parameters<RequestHandler>[0], image: { type: (typeof IMAGE_TYPES)[number]; base64: string } | null) {
	const { locals, params, cookies } = event;
	if (!locals.user) error(401, 'Sign in first');
	const deps = getDeps();
	const activityId = ROUTE_ID.test(params.workshopId) && ROUTE_ID.test(params.challengeId) ? hackathonPages(deps).challengeActivity(params.workshopId, params.challengeId) : null;
	if (!activityId || !deps.services.workshopForFacilitator(params.workshopId, locals.user.id)) error(404, 'Not found');
	const caller = hackathonPages(deps).facilitatorCaller(params.workshopId, locals.user, cookies.get(SESSION_COOKIE) ?? '', event.getClientAddress());
	const r = deps.notifier.command(caller, 'hackathon:challenges', { key: crypto.randomUUID(), activityId, op: { type: 'image', challengeId: params.challengeId, image } });
	return r.ok ? json({ ok: true }) : json({ ok: false, error: r.error }, { status: 400 });
}

export const POST: RequestHandler = async (event) => {
	const length = Number(event.request.headers.get('content-length') ?? 0);
	if (length > IMAGE_MAX_BYTES + 64 * 1024) return json({ ok: false, error: 'bad_image' }, { status: 413 });
	let file: unknown;
	try {
		file = (await event.request.formData()).get('image');
	} catch {
		return json({ ok: false, error: 'bad_image' }, { status: 400 });
	}
	if (!(file instanceof File) || !(IMAGE_TYPES as readonly string[]).includes(file.type) || file.size > IMAGE_MAX_BYTES) return json({ ok: false, error: 'bad_image' }, { status: 400 });
	return send(event, { type: file.type as (typeof IMAGE_TYPES)[number], base64: Buffer.from(await file.arrayBuffer()).toString('base64') });
};

export const DELETE: RequestHandler = (event) => send(event, null);
