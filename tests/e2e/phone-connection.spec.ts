import { expect, test, type WebSocketRoute } from '@playwright/test';
import { PHONE, createWorkshop, openAs, signUp } from '../helpers/e2e';

/**
 * The browser bundle carries engine.io's websocket transport only (vite.config.ts, plenum-websocket-only): a phone
 * connects over a websocket, never asks for long-polling, and after its socket drops it connects again by itself and
 * its card goes through.
 */
test('a phone connects over a websocket only, and reconnects after its connection drops', async ({ browser }) => {
	const fac = await openAs(browser);
	await signUp(fac);
	const code = await createWorkshop(fac, 'Websocket only');

	const phone = await openAs(browser, PHONE);
	const polling: string[] = [];
	phone.context().on('request', (r) => {
		if (r.url().includes('/socket.io/') && r.url().includes('transport=polling')) polling.push(r.url());
	});
	// Every socket.io websocket of the phone passes through here, so that the test can cut one.
	const sockets: WebSocketRoute[] = [];
	await phone.context().routeWebSocket(/\/socket\.io\//, (ws) => {
		const server = ws.connectToServer();
		ws.onClose(() => server.close());
		server.onClose(() => ws.close());
		sockets.push(ws);
	});

	await phone.goto(`/j/${code.replace('-', '')}`);
	await phone.getByLabel(/nickname/).fill('Wendy');
	await phone.getByRole('button', { name: 'Join' }).click();
	await expect(phone).toHaveURL(/\/w\/[\w-]+$/);
	await expect(phone.getByRole('status').filter({ hasText: 'All saved' })).toBeVisible();
	expect(sockets).toHaveLength(1);

	// The connection drops (as on a train): the phone says so, then connects again on a new websocket.
	await sockets[0].close({ code: 4000, reason: 'test cut' });
	await expect.poll(() => sockets.length).toBe(2);
	await expect(phone.getByRole('status').filter({ hasText: 'All saved' })).toBeVisible();

	await phone.getByLabel('Your idea').fill('After the tunnel');
	await phone.getByRole('button', { name: 'Post card' }).click();
	await expect(phone.getByLabel('Your idea')).toHaveValue('');
	await expect(phone.getByText('After the tunnel')).toBeVisible();
	await expect(fac.getByText('After the tunnel')).toBeVisible();
	expect(polling).toEqual([]);
});
