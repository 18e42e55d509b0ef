import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config';

describe('loadConfig: sign-in attempts per address', () => {
	it('defaults to 10 and takes a positive whole number from SIGNINS_PER_IP', () => {
		expect(loadConfig({}).signInsPerIp).toBe(10);
		expect(loadConfig({ SIGNINS_PER_IP: '60' }).signInsPerIp).toBe(60);
		for (const bad of ['0', '-3', '2.5', 'many', '']) expect(loadConfig({ SIGNINS_PER_IP: bad }).signInsPerIp, bad).toBe(10);
	});
});
