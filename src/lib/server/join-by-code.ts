import { fail, redirect } from '@sveltejs/kit';
import { getDeps } from './deps';

/** The code field's starting value: `?code=` (a link or a refused code from the start page). */
export function joinCodeLoad(url: URL) {
	return { code: (url.searchParams.get('code') ?? '').slice(0, 20) };
}

/**
 * The code form's action, shared by `/join` and the short address `/j` that the projector shows: an open workshop's
 * code leads on to its nickname page, anything else comes back with the code (to fix) and the reason.
 */
export async function joinCodeAction(request: Request, clientAddress: string) {
	const data = await request.formData();
	const code = String(data.get('code') ?? '').slice(0, 40);
	const found = getDeps().services.findOpenByCode(clientAddress, code);
	if (!found.ok) return fail(found.reason === 'rate_limited' ? 429 : 400, { code, error: found.reason });
	redirect(303, `/j/${found.value.code}`);
}
