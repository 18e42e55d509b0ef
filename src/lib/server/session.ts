import type { Cookies } from '@sveltejs/kit';
import { getDeps } from './deps';
import { hashToken } from '../../../server/ids';
import { SESSION_COOKIE } from './cookies';

export { SESSION_COOKIE };

/** Starts a session for a user and sets its HttpOnly cookie. */
export function startSession(cookies: Cookies, userId: string, now = Date.now()) {
	const deps = getDeps();
	const { token, expiresAt } = deps.repos.accounts.createSession(userId, now);
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: deps.config.secureCookies,
		expires: new Date(expiresAt)
	});
}

/** Ends the current session, if any, with its live connections, and clears its cookie. */
export function endSession(cookies: Cookies) {
	const token = cookies.get(SESSION_COOKIE);
	const deps = getDeps();
	const user = token ? deps.repos.accounts.userForSession(token, Date.now()) : null;
	if (token) deps.repos.accounts.deleteSession(token);
	// Open sockets and Yjs connections were authenticated with this session: they end with it.
	if (token && user) deps.notifier.endFacilitator({ userId: user.id, sessionHash: hashToken(token) });
	cookies.delete(SESSION_COOKIE, { path: '/', secure: getDeps().config.secureCookies });
}

/** A `next` target that stays on this site (a relative path), or the fallback. */
export function safeNext(next: string | null | undefined, fallback = '/f'): string {
	// eslint-disable-next-line no-control-regex
	if (!next || !next.startsWith('/') || next.length > 500 || /[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
	const base = 'http://plenum.invalid';
	const url = new URL(next, base);
	if (url.origin !== base) return fallback;
	const target = url.pathname + url.search + url.hash;
	// What the browser follows is the normalised target, and normalising can make it protocol-relative:
	// `/.//evil.example` and `/%2e%2e//evil.example` become `//evil.example`, another site.
	if (target.startsWith('//') || new URL(target, base).origin !== base) return fallback;
	return target;
}

/**
 * Changes the signed-in facilitator's password (the form of /account): on success every other session of the
 * account is gone and so are its live socket.io and Yjs connections, while this session stays signed in.
 */
export async function changePassword(cookies: Pick<Cookies, 'get'>, ip: string, input: { current: string; password: string; repeat: string }) {
	const deps = getDeps();
	const token = cookies.get(SESSION_COOKIE);
	const user = deps.repos.accounts.userForSession(token, Date.now());
	if (!token || !user) return null;
	const sessionHash = hashToken(token);
	const result = await deps.services.changePassword(ip, user, sessionHash, input);
	// The other sessions are deleted first, so that a connection ended here cannot come back with its old cookie.
	if (result.ok) {
		deps.notifier.endFacilitator({ userId: user.id, exceptSessionHash: sessionHash });
		deps.log.info({ user: user.id, endedSessions: result.value.endedSessions }, 'password changed');
	}
	return result;
}
