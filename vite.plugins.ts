// Browser-build plugins that keep code the phone does not need out of its bundle (see docs/ARCHITECTURE.md,
// "What a phone loads"). Both act on the client build only: the server build and Node clients (tests, bench) get
// the packages and the compiled messages as they are.
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * socket.io's client reaches engine.io-client's transport table (transports/index.js), which imports all three
 * transports, so HTTP long-polling and WebTransport were in every page although the app connects with
 * `transports: ['websocket']` only (src/lib/realtime/room.svelte.ts). In the browser build the table holds the
 * websocket transport alone, and the other transport modules (also re-exported by socket.io-client's index, and
 * kept by top-level code: an unload handler, an XHR probe) are marked side-effect free so that, unused, they go.
 * Asking for another transport fails with a clear error instead of connecting some other way.
 */
export function websocketOnlyTransports(): Plugin {
	return {
		name: 'plenum-websocket-only',
		apply: 'build',
		transform: {
			filter: { id: /node_modules\/engine\.io-client\/build\/esm\/transports\/(index|polling|polling-xhr|polling-fetch|webtransport)\.js$/ },
			handler(code, id) {
				if (this.environment.name !== 'client') return null;
				if (!id.endsWith('/index.js')) return { code, map: null, moduleSideEffects: false };
				// Fails the build, rather than quietly shipping a broken table, if engine.io-client changes this module.
				if (!code.includes('import { WS } from "./websocket.node.js";')) throw new Error('plenum-websocket-only: engine.io-client transports/index.js changed; update vite.plugins.ts');
				const refuse = (name: string) => `get ${name}() { throw new Error("engine.io-client: the ${name} transport is left out of this bundle (vite.plugins.ts); connect with transports: ['websocket']"); }`;
				return { code: `import { WS } from "./websocket.node.js";\nexport const transports = { websocket: WS, ${refuse('polling')}, ${refuse('webtransport')} };\n`, map: null };
			}
		}
	};
}

/** The shared dispatcher of the compacted message modules (the id of its virtual module, and its code). */
export const PICK_ID = '\0plenum-paraglide-pick';
export const PICK_BODY = 'const pick = (base, others) => (inputs = {}, options = {}) => (others[experimentalStaticLocale ?? options.locale ?? getLocale()] ?? base)(inputs);';

const DISPATCHER =
	/export const (\w+) = \/\*\*[^\n]*?\*\/ \(\((?:inputs|inputs = \{\}), options = \{\}\) => \{\n\tconst locale = experimentalStaticLocale \?\? options\.locale \?\? getLocale\(\)\n((?:\tif \(locale === "[\w-]+"\) return \w+\(inputs\)\n)*)\treturn (\w+)\(inputs\)\n\}\);/;

/**
 * One Paraglide message module with its dispatcher replaced by a call of the shared `pick` (same behaviour: the
 * `locale` option, else the current locale; the base locale's function for any other), or null if the module does
 * not have the shape Paraglide 2.23 writes.
 */
export function compactMessageModule(code: string): string | null {
	const match = DISPATCHER.exec(code);
	if (!match) return null;
	const [whole, name, branches, base] = match;
	const others = [...branches.matchAll(/if \(locale === "([\w-]+)"\) return (\w+)\(inputs\)/g)].map(([, locale, fn]) => `${JSON.stringify(locale)}: ${fn}`);
	return `import { pick as __pick } from ${JSON.stringify(PICK_ID)};\n${code.replace(whole, () => `export const ${name} = /* @__PURE__ */ __pick(${base}, { ${others.join(', ')} });`)}`;
}

/**
 * Paraglide compiles every message into a module with one function per language and a dispatcher choosing among
 * them by the current locale. Minified, that dispatcher is ~70 characters with names of its own per message, so gzip
 * cannot fold the copies: a phone's ~140 messages paid for ~140 of them, the facilitator's page for ~600. In the
 * browser build each dispatcher becomes one call of a shared `pick` (compactMessageModule); the per-language
 * functions stay. A module of another shape is left as it is (tests/unit/compact-messages.test.ts checks that
 * every compiled message is compacted and says the same as before in every language).
 */
export function compactMessages(): Plugin {
	const runtime = JSON.stringify(path.resolve('src/lib/paraglide/runtime.js'));
	return {
		name: 'plenum-compact-messages',
		apply: 'build',
		resolveId: { filter: { id: /^\0plenum-paraglide-pick$/ }, handler: (id) => id },
		load: {
			filter: { id: /^\0plenum-paraglide-pick$/ },
			handler: () => `import { getLocale, experimentalStaticLocale } from ${runtime};\nexport ${PICK_BODY}\n`
		},
		transform: {
			filter: { id: /src\/lib\/paraglide\/messages\/\w+\.js$/ },
			handler(code) {
				if (this.environment.name !== 'client') return null;
				const out = compactMessageModule(code);
				return out === null ? null : { code: out, map: null };
			}
		}
	};
}
