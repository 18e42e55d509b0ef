import type { IncomingMessage } from 'node:http';
import type { Deps } from '../deps';
import { hashToken } from '../ids';
import type { FacilitatorMatch } from '../notifier';
export type { FacilitatorMatch };
import type { Role } from '../../src/lib/protocol/events';

/** Who is on the other end of a connection, resolved from cookies (or the projector token) before any room is touched. */
export type Identity =
	| { role: 'facilitator'; workshopId: string; userId: string; name: string; /** SHA-256 of the session token it signed in with. */ sessionHash: string }
	| { role: 'participant'; workshopId: string; participantId: string; nickname: string }
	| { role: 'projector'; workshopId: string; projectorToken: string };

import { participantCookie, SESSION_COOKIE } from '../../src/lib/server/cookies';
export { participantCookie, SESSION_COOKIE };

/** Parses a Cookie header into a map; malformed pairs are skipped. */
export function parseCookies(header: string | undefined): Map<string, string> {
	const out = new Map<string, string>();
	if (!header || header.length > 8192) return out;
	for (const part of header.split(';')) {
		const i = part.indexOf('=');
		if (i < 0) continue;
		const k = part.slice(0, i).trim();
		let v = part.slice(i + 1).trim();
		if (v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
		try {
			if (!out.has(k)) out.set(k, decodeURIComponent(v));
		} catch {
			/* a malformed escape is not a cookie we issued */
		}
	}
	return out;
}

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Resolves the identity for a workshop and a requested role. Returns null when the session, the membership, the
 * participant cookie or the projector token does not hold for that very workshop.
 */
export function resolveIdentity(
	deps: Deps,
	cookieHeader: string | undefined,
	req: { workshopId: unknown; as: unknown; projectorToken?: unknown },
	now = Date.now()
): Identity | null {
	if (typeof req.workshopId !== 'string' || !ID_RE.test(req.workshopId)) return null;
	const workshopId = req.workshopId;
	const cookies = parseCookies(cookieHeader);
	switch (req.as as Role) {
		case 'facilitator': {
			const token = cookies.get(SESSION_COOKIE);
			const user = deps.repos.accounts.userForSession(token, now);
			if (!user || !token || !deps.repos.workshops.memberRole(workshopId, user.id)) return null;
			return { role: 'facilitator', workshopId, userId: user.id, name: user.name, sessionHash: hashToken(token) };
		}
		case 'participant': {
			const p = deps.repos.workshops.participantByToken(workshopId, cookies.get(participantCookie(workshopId)));
			return p ? { role: 'participant', workshopId, participantId: p.id, nickname: p.nickname } : null;
		}
		case 'projector': {
			if (typeof req.projectorToken !== 'string' || req.projectorToken.length > 100) return null;
			const w = deps.repos.workshops.byProjectorToken(req.projectorToken);
			return w && w.id === workshopId ? { role: 'projector', workshopId, projectorToken: req.projectorToken } : null;
		}
		default:
			return null;
	}
}

/**
 * Cross-site WebSocket hijacking guard: a browser always sends Origin on a WebSocket or XHR; it must be this
 * site (the Host it asked for) or one of the configured origins. Clients without Origin (not browsers, so no
 * ambient cookies of a victim) pass.
 */
export function originAllowed(req: IncomingMessage, allowed: string[]): boolean {
	const origin = req.headers.origin;
	if (!origin) return true;
	if (allowed.includes(origin)) return true;
	try {
		return new URL(origin).host === req.headers.host;
	} catch {
		return false;
	}
}


/** Whether a facilitator connection falls under a match. */
export function matchesFacilitator(i: { userId: string; workshopId: string; sessionHash: string }, m: FacilitatorMatch): boolean {
	return (
		i.userId === m.userId &&
		(m.sessionHash === undefined || i.sessionHash === m.sessionHash) &&
		(m.exceptSessionHash === undefined || i.sessionHash !== m.exceptSessionHash) &&
		(m.workshopId === undefined || i.workshopId === m.workshopId)
	);
}

