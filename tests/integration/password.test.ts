import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { changePassword } from '../../src/lib/server/session';
import { hashToken } from '../../server/ids';
import { Services } from '../../server/services';
import { connect, eventually, key, makeWorkshop, send, startServer } from './harness';

type Server = Awaited<ReturnType<typeof startServer>>;

const OLD = 'correct horse battery';
const NEW = 'a brand new passphrase';

let s: Server;
beforeAll(async () => {
	s = await startServer();
});
afterAll(async () => {
	await s.close();
});

let seq = 0;
/** An account with `devices` sessions (made directly, so sign-up's throttle is not spent on setting up). */
async function account(devices = 2) {
	const name = `pw${Date.now().toString(36)}${seq++}`;
	const user = (await s.deps.repos.accounts.createUser(name, OLD, Date.now()))!;
	const tokens = Array.from({ length: devices }, () => s.deps.repos.accounts.createSession(user.id, Date.now()).token);
	return { user, tokens, cookies: tokens.map((t) => `plenum_session=${t}`) };
}

/** The SvelteKit cookies of a request carrying this session token. */
const cookiesOf = (token: string) => ({ get: (n: string) => (n === 'plenum_session' ? token : undefined) });

/** A distinct client address per call, so the per-IP throttle stays out of tests about the per-account one. */
let ipSeq = 0;
const ip = () => `10.9.${Math.floor(ipSeq / 250)}.${(ipSeq++ % 250) + 1}`;

const alive = (token: string) => s.deps.repos.accounts.sessionAlive(hashToken(token), Date.now());

describe('AccountRepo: replacing a password', () => {
	it('stores the new password, deletes every other session of that account and keeps the given one and other accounts', async () => {
		const a = await account(3);
		const other = await account(1);
		const { accounts } = s.deps.repos;
		expect(await accounts.checkPassword(a.user.id, OLD)).toBe(true);

		expect(await accounts.replacePassword(a.user.id, NEW, hashToken(a.tokens[0]))).toBe(2);

		expect(await accounts.checkPassword(a.user.id, NEW)).toBe(true);
		expect(await accounts.checkPassword(a.user.id, OLD)).toBe(false);
		expect(await accounts.authenticate(a.user.name, NEW)).toEqual(a.user);
		expect(await accounts.authenticate(a.user.name, OLD)).toBeNull();
		expect(a.tokens.map(alive)).toEqual([true, false, false]);
		expect(alive(other.tokens[0])).toBe(true);
		expect(await accounts.checkPassword(other.user.id, OLD)).toBe(true);
	});

	it('checks no password for an account that does not exist', async () => {
		expect(await s.deps.repos.accounts.checkPassword('no-such-user', OLD)).toBe(false);
	});
});

describe('Services.changePassword', () => {
	it('with the right current password: the new one signs in, the old one no longer, and only this session is left', async () => {
		const a = await account(3);
		const r = await s.deps.services.changePassword(ip(), a.user, hashToken(a.tokens[1]), { current: OLD, password: NEW, repeat: NEW });
		expect(r).toEqual({ ok: true, value: { endedSessions: 2 } });
		expect(a.tokens.map(alive)).toEqual([false, true, false]);
		expect((await s.deps.services.signIn(ip(), a.user.name, NEW)).ok).toBe(true);
		expect(await s.deps.services.signIn(ip(), a.user.name, OLD)).toEqual({ ok: false, reason: 'bad_credentials' });
	});

	it('refuses a wrong current password and changes nothing', async () => {
		const a = await account(2);
		const r = await s.deps.services.changePassword(ip(), a.user, hashToken(a.tokens[0]), { current: 'not my password', password: NEW, repeat: NEW });
		expect(r).toEqual({ ok: false, reason: 'bad_current' });
		expect(a.tokens.map(alive)).toEqual([true, true]);
		expect((await s.deps.services.signIn(ip(), a.user.name, OLD)).ok).toBe(true);
		expect(await s.deps.services.signIn(ip(), a.user.name, NEW)).toEqual({ ok: false, reason: 'bad_credentials' });
	});

	it('holds the new password to the sign-up rules and the repeat to the new password', async () => {
		const a = await account(2);
		const change = (password: string, repeat = password) => s.deps.services.changePassword(ip(), a.user, hashToken(a.tokens[0]), { current: OLD, password, repeat });
		expect(await change('too short')).toEqual({ ok: false, reason: 'password_short' });
		expect(await change('x'.repeat(201))).toEqual({ ok: false, reason: 'password_long' });
		expect(await change(NEW, `${NEW} `)).toEqual({ ok: false, reason: 'password_mismatch' });
		expect(a.tokens.map(alive)).toEqual([true, true]);
		expect(await s.deps.repos.accounts.checkPassword(a.user.id, OLD)).toBe(true);
	});

	it('is throttled per account like sign-in, and shares its attempts with sign-in', async () => {
		const a = await account(2);
		const now = Date.now(); // one instant: no attempt comes back while the test runs
		const change = (current: string) => s.deps.services.changePassword(ip(), a.user, hashToken(a.tokens[0]), { current, password: NEW, repeat: NEW }, now);
		for (let i = 0; i < 5; i++) expect(await change(`guess number ${i}`)).toEqual({ ok: false, reason: 'bad_current' });
		// Even the right password is not checked any more, from any address, and sign-in is throttled too.
		expect(await change(OLD)).toEqual({ ok: false, reason: 'rate_limited' });
		expect(await s.deps.services.signIn(ip(), a.user.name, OLD, now)).toEqual({ ok: false, reason: 'rate_limited' });
		expect(await s.deps.repos.accounts.checkPassword(a.user.id, OLD)).toBe(true);
		expect(a.tokens.map(alive)).toEqual([true, true]);
	});

	it('is throttled per address across accounts', async () => {
		const from = '10.8.0.1';
		const now = Date.now(); // one instant: no attempt comes back while the test runs
		const attempt = async (current: string) => {
			const a = await account(1);
			return s.deps.services.changePassword(from, a.user, hashToken(a.tokens[0]), { current, password: NEW, repeat: NEW }, now);
		};
		for (let i = 0; i < 10; i++) expect(await attempt('wrong guess')).toEqual({ ok: false, reason: 'bad_current' });
		expect(await attempt(OLD)).toEqual({ ok: false, reason: 'rate_limited' });
	});
});

describe('a password change ends the live connections of the other sessions', () => {
	it("the other device's socket and staff Yjs connection are closed and its cookie no longer connects; this device stays", async () => {
		const a = await account(2);
		const [laptop, tablet] = a.cookies;
		const w = makeWorkshop(s.deps, a.user.id);
		const here = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, laptop);
		const there = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, tablet);
		const staffDoc = new WebSocket(`${s.url.replace('http', 'ws')}/yjs/${w.id}/staff`, { headers: { cookie: tablet } });
		await new Promise((r, j) => staffDoc.once('open', r).once('error', j));
		const ended = new Promise<{ reason: string }>((r) => there.once('session:ended', r));
		const yjsClosed = new Promise<number>((r) => staffDoc.once('close', (code) => r(code)));
		expect((await send(there, 'timer:control', { key: key(), action: 'start', seconds: 60 })).ok).toBe(true);

		// What the form action of /account calls, with the laptop's cookie.
		const r = await changePassword(cookiesOf(a.tokens[0]), ip(), { current: OLD, password: NEW, repeat: NEW });
		expect(r).toEqual({ ok: true, value: { endedSessions: 1 } });

		expect(await ended).toEqual({ reason: 'revoked' });
		expect(await yjsClosed).toBe(4403);
		await eventually(() => !there.connected, 2000, 'the other socket closed');
		await expect(connect(s.url, { workshopId: w.id, as: 'facilitator' }, tablet)).rejects.toThrow();
		expect(here.connected).toBe(true);
		expect((await send(here, 'timer:control', { key: key(), action: 'pause' })).ok).toBe(true);
		here.close();
	});

	it('a refused change ends no connection', async () => {
		const a = await account(2);
		const w = makeWorkshop(s.deps, a.user.id);
		const there = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, a.cookies[1]);
		const r = await changePassword(cookiesOf(a.tokens[0]), ip(), { current: 'wrong password', password: NEW, repeat: NEW });
		expect(r).toEqual({ ok: false, reason: 'bad_current' });
		expect((await send(there, 'timer:control', { key: key(), action: 'start', seconds: 60 })).ok).toBe(true);
		there.close();
	});
});

describe('the per-address budget is configurable', () => {
	it('services made with two attempts per address refuse the third attempt from one address', async () => {
		const services = new Services(s.deps, { signupOpen: true, signInsPerIp: 2 });
		const now = Date.now();
		const a = await account(1);
		const attempt = () => services.changePassword('10.7.0.1', a.user, hashToken(a.tokens[0]), { current: 'wrong guess', password: NEW, repeat: NEW }, now);
		expect(await attempt()).toEqual({ ok: false, reason: 'bad_current' });
		expect(await attempt()).toEqual({ ok: false, reason: 'bad_current' });
		expect(await attempt()).toEqual({ ok: false, reason: 'rate_limited' });
	});
});
