import type { Deps } from './deps';

const KEY = Symbol.for('plenum.deps');

/** Makes the deps reachable from SvelteKit's server code, which is bundled apart from this module. */
export function publishDeps(deps: Deps) {
	(globalThis as Record<symbol, unknown>)[KEY] = deps;
}

/** The deps published by the process entry (npm start) or the Vite plugin (npm run dev). */
export function getDeps(): Deps {
	const d = (globalThis as Record<symbol, unknown>)[KEY] as Deps | undefined;
	if (!d) throw new Error('Plenum server dependencies are not initialised (start with npm start or npm run dev)');
	return d;
}
