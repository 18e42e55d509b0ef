import path from 'node:path';

/** Runtime configuration, from the environment, with the defaults the README promises. */
export interface Config {
	port: number;
	host: string;
	dataDir: string;
	/** Where organisations' private signing keys are kept (files readable by the server alone): `PLENUM_KEY_DIR`; null: `<dataDir>/keys`. */
	keyDir: string | null;
	/** Public origin(s) allowed to open sockets and post forms; empty means "the request's own Host". */
	allowedOrigins: string[];
	/** `FULL` makes every acknowledged write survive power loss too, at the cost of an fsync per commit. */
	sqliteSynchronous: 'NORMAL' | 'FULL';
	signupOpen: boolean;
	secureCookies: boolean;
	logLevel: string;
	/** Open socket.io and Yjs connections allowed from one IP (a school behind one NAT shares one). */
	maxConnectionsPerIp: number;
	/** Sign-in, sign-up and password-change attempts one IP may make at once (then one every 10 seconds). */
	signInsPerIp: number;
	/** A secret that `/healthz?reset=<it>` must carry to reset the statistics; null: nobody can reset them. */
	healthzResetToken: string | null;
}

/** Reads the configuration from an environment (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	return {
		port: Number(env.PORT ?? 3000),
		host: env.HOST ?? '0.0.0.0',
		dataDir: path.resolve(env.DATA_DIR ?? './data'),
		keyDir: env.PLENUM_KEY_DIR ? path.resolve(env.PLENUM_KEY_DIR) : null,
		allowedOrigins: (env.ORIGIN ?? '')
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean),
		sqliteSynchronous: env.SQLITE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL',
		signupOpen: env.SIGNUP !== 'closed',
		secureCookies: env.SECURE_COOKIES === 'true' || (env.ORIGIN ?? '').startsWith('https://'),
		logLevel: env.LOG_LEVEL ?? 'info',
		maxConnectionsPerIp: positiveInt(env.MAX_CONNECTIONS_PER_IP, 4000),
		signInsPerIp: positiveInt(env.SIGNINS_PER_IP, 10),
		healthzResetToken: env.HEALTHZ_RESET_TOKEN || null
	};
}

function positiveInt(raw: string | undefined, fallback: number): number {
	const n = Number(raw);
	return raw && Number.isInteger(n) && n > 0 ? n : fallback;
}
