import { json, text, type Handle, type RequestEvent } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { AsyncLocalStorage } from 'node:async_hooks';
import { cookieName, cookieMaxAge, extractLocaleFromRequest, getServerAsyncLocalStorage, isLocale, overwriteServerAsyncLocalStorage } from '$lib/paraglide/runtime';
import { getDeps } from '$lib/server/deps';
import { SESSION_COOKIE } from '$lib/server/session';
import { isCrossSiteForm } from '$lib/server/csrf';

const WORKSHOP_PATH = /^\/(j|w|projector)\/([A-Za-z0-9_-]{1,100})(?:\/|$)/;
/** A module's page reached by a link of its own (the hackathon's `/jury/<token>`, `/showcase/<token>`). */
const MODULE_LINK_PATH = /^\/([a-z]{1,30})\/([A-Za-z0-9_-]{1,100})\/?$/;

/**
 * The language of the workshop a room path points at, if any. A join code is looked up only through the join
 * throttle (and the result kept for the page), so that the language cookie cannot tell a valid code from an
 * invalid one to an address the throttle refuses.
 */
function workshopLocale(event: RequestEvent): string | null {
	const match = WORKSHOP_PATH.exec(event.url.pathname);
	if (!match) return moduleLinkLocale(event.url.pathname);
	const [, kind, value] = match;
	const { repos, services } = getDeps();
	if (kind === 'j') {
		const result = services.lookupCode(event.getClientAddress(), value);
		event.locals.joinLookup = { code: value, result };
		return result.ok ? result.value.locale : null;
	}
	if (kind === 'w') return repos.workshops.get(value)?.locale ?? null;
	return repos.workshops.byProjectorToken(value)?.locale ?? null;
}

/** The language of the workshop a module's link (`/<path>/<token>`) belongs to, if a module has such links. */
function moduleLinkLocale(pathname: string): string | null {
	const match = MODULE_LINK_PATH.exec(pathname);
	if (!match) return null;
	const deps = getDeps();
	const workshopId = deps.modules.linkWorkshop(deps, match[1], match[2]);
	return workshopId ? (deps.repos.workshops.get(workshopId)?.locale ?? null) : null;
}

/**
 * A first visit to a room (join link, participant view, projector) or to a module's link (a jury page, a showcase)
 * without a language choice gets the workshop's language: the cookie goes into the request the i18n middleware reads
 * and onto the response, so server and browser render the same language.
 */
const roomLanguage: Handle = ({ event, resolve }) => {
	if (event.cookies.get(cookieName) || !(WORKSHOP_PATH.test(event.url.pathname) || MODULE_LINK_PATH.test(event.url.pathname))) return resolve(event);
	const locale = workshopLocale(event);
	if (!locale || !isLocale(locale)) return resolve(event);
	const headers = new Headers(event.request.headers);
	const existing = headers.get('cookie');
	headers.set('cookie', `${existing ? `${existing}; ` : ''}${cookieName}=${locale}`);
	const init: RequestInit & { duplex?: 'half' } = { method: event.request.method, headers, body: event.request.body, duplex: 'half' };
	event.request = new Request(event.request.url, init);
	event.cookies.set(cookieName, locale, {
		path: '/',
		maxAge: cookieMaxAge,
		httpOnly: false,
		sameSite: 'lax',
		secure: getDeps().config.secureCookies
	});
	return resolve(event);
};

/**
 * The request's language (cookie, then Accept-Language, then English) for every message rendered while handling
 * it, in Paraglide's own request store. This is what `paraglideMiddleware` does for our strategies, without the
 * copy of every request (body included) that it makes for URL-based strategies: about 0.35 ms per request in the
 * profile of a join storm (docs/PERFORMANCE.md, finding 7).
 */
const store = getServerAsyncLocalStorage() ?? new AsyncLocalStorage();
overwriteServerAsyncLocalStorage(store);
const i18n: Handle = ({ event, resolve }) => {
	const locale = extractLocaleFromRequest(event.request);
	return store.run({ locale, origin: event.url.origin, messageCalls: new Set<string>() }, () =>
		resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) })
	);
};

/** Refuses form posts from other sites (SvelteKit's own check is off: it knows only one origin). */
const csrfCheck: Handle = ({ event, resolve }) => {
	if (isCrossSiteForm(event.request, event.url.origin, getDeps().config.allowedOrigins)) {
		const message = `Cross-site ${event.request.method} form submissions are forbidden`;
		return event.request.headers.get('accept') === 'application/json' ? json({ message }, { status: 403 }) : text(message, { status: 403 });
	}
	return resolve(event);
};

/**
 * The signed-in facilitator, if any. Every page and data response is made for one person (the control room
 * holds the projector and invite tokens): none may be kept by a shared cache or the browser's disk cache.
 */
const session: Handle = async ({ event, resolve }) => {
	event.locals.user = getDeps().repos.accounts.userForSession(event.cookies.get(SESSION_COOKIE), Date.now());
	const response = await resolve(event);
	if (!response.headers.has('cache-control')) {
		try {
			response.headers.set('cache-control', 'private, no-store');
		} catch {
			/* an immutable response (a redirect made with Response.redirect) carries no page */
		}
	}
	return response;
};

/** The video players a showcase may show, once its viewer presses play (nothing is framed before). */
const SHOWCASE_FRAMES = 'https://www.youtube-nocookie.com https://player.vimeo.com';

/**
 * The showcase page alone may frame a YouTube or Vimeo player (privacy-enhanced host, made only on a click): every
 * other page keeps `default-src 'self'` for frames.
 */
const showcaseFrames: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!event.url.pathname.startsWith('/showcase/')) return response;
	const csp = response.headers.get('content-security-policy');
	if (csp && !/frame-src/.test(csp)) {
		try {
			response.headers.set('content-security-policy', `${csp}; frame-src ${SHOWCASE_FRAMES}`);
		} catch {
			/* an immutable response carries no page */
		}
	}
	return response;
};

export const handle: Handle = sequence(csrfCheck, roomLanguage, i18n, session, showcaseFrames);
