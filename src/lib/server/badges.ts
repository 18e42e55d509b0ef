import { error } from '@sveltejs/kit';
import { getDeps } from './deps';
import { ok, refuse, type Result } from '$lib/domain/result';
import { ROUTE_ID } from './device';

/** The backpack cookie: a device token of the learner's backpack (its SHA-256 is stored). */
export const BACKPACK_COOKIE = 'plenum_backpack';
export const BACKPACK_COOKIE_DAYS = 400;

const LOGO_MAX_BYTES = 150_000;

/** An organisation's form (name, web address, description, an optional logo file) as the service takes it. */
export async function readOrganisationForm(request: Request): Promise<Result<{ name: string; url: string; description: string; logo?: string | null }, 'logo_invalid'>> {
	const form = await request.formData();
	const field = (k: string, max: number) => String(form.get(k) ?? '').slice(0, max);
	const file = form.get('logo');
	let logo: string | null | undefined;
	if (file instanceof File && file.size > 0) {
		if (file.size > LOGO_MAX_BYTES || !['image/png', 'image/jpeg', 'image/svg+xml'].includes(file.type)) return refuse('logo_invalid');
		logo = `data:${file.type};base64,${Buffer.from(await file.arrayBuffer()).toString('base64')}`;
	}
	if (form.get('remove_logo') === 'on') logo = null;
	return ok({ name: field('name', 400), url: field('url', 600), description: field('description', 2000), logo });
}

/** The public origin credentials and links are written for: the configured ORIGIN, else this request's. */
export function publicOrigin(url: URL): string {
	return getDeps().config.allowedOrigins[0]?.replace(/\/$/, '') ?? url.origin;
}

/** The organisation a route names, if this facilitator belongs to it (404 otherwise: nobody learns it exists). */
export function organisationFor(orgId: string, userId: string) {
	const { badges } = getDeps();
	const org = ROUTE_ID.test(orgId) ? badges.repo.organisation(orgId) : undefined;
	const role = org ? badges.repo.memberRole(org.id, userId) : null;
	if (!org || !role) error(404, 'Not found');
	return { org, role };
}

/** The language of a page (the UI's), as one the texts of achievements have. */
export function langOf(locale: string): 'de' | 'en' | 'fr' {
	return locale === 'de' || locale === 'fr' ? locale : 'en';
}
