import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// The built server (as `npm start` runs it) on its own port, with two public origins in ORIGIN: form posts, the
// join throttle, sign-in redirects and caching as a browser or an attacker meets them over HTTP.
let child: ChildProcess;
let base: string;
const OTHER = 'http://plenum-other.example';

async function freePort(): Promise<number> {
	const srv = net.createServer();
	await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
	const port = (srv.address() as net.AddressInfo).port;
	await new Promise<void>((r) => srv.close(() => r()));
	return port;
}

test.beforeAll(async () => {
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	child = spawn(process.execPath, ['build/server.mjs'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-e2e-http-')), ORIGIN: `${base}, ${OTHER}`, LOG_LEVEL: 'warn' },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	await expect
		.poll(async () => (await fetch(`${base}/healthz`).catch(() => null))?.status ?? 0, { timeout: 20_000 })
		.toBe(200);
});

test.afterAll(async () => {
	child.kill('SIGTERM');
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
	fetch(`${base}${url}`, { method: 'POST', redirect: 'manual', body: form(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers } });

test('with several origins in ORIGIN, forms posted from each of them work; other sites and posts without Origin get 403', async () => {
	const fields = { name: 'Multi Origin', password: 'correct horse battery' };
	expect((await post('/signup', fields, { origin: 'https://evil.example' })).status).toBe(403);
	expect((await post('/signup', fields)).status).toBe(403);
	expect((await fetch(`${base}/signup`, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain', origin: 'https://evil.example' } })).status).toBe(403);
	const fromOther = await post('/signup', fields, { origin: OTHER });
	expect(fromOther.status).toBe(303);
	expect(fromOther.headers.get('set-cookie')).toContain('plenum_session=');
	const fromFirst = await post('/login', fields, { origin: base });
	expect(fromFirst.status).toBe(303);
});

test('a nickname that would turn the text around is shown without its control characters, isolated from the sentence around it', async () => {
	const signup = await post('/signup', { name: 'Bidi Probe', password: 'correct horse battery' }, { origin: base });
	const cookie = /plenum_session=[^;]+/.exec(signup.headers.get('set-cookie') ?? '')![0];
	const created = await post('/f?/create', { title: 'Bidi', locale: 'en' }, { origin: base, cookie });
	const room = await (await fetch(`${base}${created.headers.get('location')}`, { headers: { cookie } })).text();
	const code = /\/j\/([A-Z0-9]{7})/.exec(room)![1];
	expect((await post(`/j/${code}`, { nickname: '\u200B\u200B' }, { origin: base })).status).toBe(400);
	const joined = await post(`/j/${code}`, { nickname: '\u202Eevil Bob\u200B' }, { origin: base });
	expect(joined.status).toBe(303);
	const device = /plenum_p_[^=]+=[^;]+/.exec(joined.headers.get('set-cookie') ?? '')![0];
	const page = await (await fetch(`${base}${joined.headers.get('location')}`, { headers: { cookie: device } })).text();
	expect(page).toMatch(/<bdi>evil Bob<\/bdi>/);
	expect(page).not.toMatch(/[\u202E\u200B]/);
});

test('the control room is not cacheable; a signed-in facilitator is never sent to another site; a throttled address cannot tell a real join code', async () => {
	const signup = await post('/signup', { name: 'Redirect Probe', password: 'correct horse battery' }, { origin: base });
	const cookie = /plenum_session=[^;]+/.exec(signup.headers.get('set-cookie') ?? '')![0];
	const created = await post('/f?/create', { title: 'Probe', locale: 'de' }, { origin: base, cookie });
	expect(created.status).toBe(303);
	const room = await fetch(`${base}${created.headers.get('location')}`, { headers: { cookie } });
	expect(room.status).toBe(200);
	expect(room.headers.get('cache-control')).toContain('no-store');
	const code = /\/j\/([A-Z0-9]{7})/.exec(await room.text())![1];

	for (const next of ['/.//evil.example', '/..//evil.example', '/%2e%2e//evil.example', '//evil.example']) {
		const r = await fetch(`${base}/login?next=${encodeURIComponent(next)}`, { headers: { cookie }, redirect: 'manual' });
		expect(r.status, next).toBe(303);
		expect(new URL(r.headers.get('location')!, base).origin, next).toBe(base);
	}

	// Before the throttle: the real code is a join page in the workshop's language.
	const first = await fetch(`${base}/j/${code}`);
	expect(first.headers.get('set-cookie') ?? '').toContain('PARAGLIDE_LOCALE=de');
	// Guess until the throttle (20 failed look-ups per address) refuses this address.
	const A = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
	for (let i = 0; i < 25; i++) await (await fetch(`${base}/j/ZZZZ${A[i]}${A[(i * 7) % 31]}Q`)).text();
	const answer = async (c: string) => {
		const r = await fetch(`${base}/j/${c}`, { redirect: 'manual' });
		const headers = [...r.headers].filter(([k]) => !['date', 'content-length', 'etag'].includes(k));
		return { status: r.status, headers, body: (await r.text()).replace(/nonce-[^']+|sha256-[^']+/g, '') };
	};
	const real = await answer(code);
	const fake = await answer('WXYZ234');
	expect(real.headers.map(([k]) => k)).not.toContain('set-cookie');
	expect(real).toEqual(fake);
});
