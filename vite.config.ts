import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig, type Plugin } from 'vite';

/**
 * Hosts socket.io and the Yjs websocket on Vite's own HTTP server in development, through the same
 * attachRealtime() that `npm start` uses. The server modules load through Vite's SSR graph.
 */
function plenumRealtime(): Plugin {
	return {
		name: 'plenum-realtime',
		async configureServer(server) {
			if (!server.httpServer) return;
			const mod = await server.ssrLoadModule('/server/dev.ts');
			await mod.startDev(server.httpServer, (path: string, handler: never) => server.middlewares.use(path, handler));
		}
	};
}

/**
 * Tree-shaking hints for two dependency modules whose dead code the bundler cannot prove dead, so every page
 * shipped it:
 * - svelte's custom-element support (with the legacy class-component wrapper it pulls in) defines a class at the
 *   top level; nothing here uses `<svelte:options customElement>`, so the module is side-effect free for us (if a
 *   component ever uses it, its export is imported and the module is bundled as before).
 * - lib0's dom helpers (reached through lib0/logging, used by Yjs) build four schema values at the top level,
 *   which kept all of lib0/schema in the bundle; marking those calls pure lets unused ones go.
 * Both are no-ops if the libraries change the code they match.
 */
function treeshakeHints(): Plugin {
	return {
		name: 'plenum-treeshake-hints',
		apply: 'build',
		transform: {
			filter: { id: /node_modules\/(svelte\/src\/internal\/client\/dom\/elements\/custom-element|lib0\/dom)\.js$/ },
			handler(code, id) {
				if (id.endsWith('custom-element.js')) return { code, map: null, moduleSideEffects: false };
				return { code: code.replaceAll('= $.$custom(', '= /* @__PURE__ */ $.$custom('), map: null };
			}
		}
	};
}

/**
 * socket.io's client reaches engine.io-client's transport table (transports/index.js), which imports all three
 * transports, so HTTP long-polling and WebTransport were in every page although the app connects with
 * `transports: ['websocket']` only (src/lib/realtime/room.svelte.ts). In the browser build the table holds the
 * websocket transport alone, and the other transport modules (also re-exported by socket.io-client's index) are
 * marked side-effect free so that unused they go; asking for another transport
 * fails with a clear error instead of connecting some other way. The server build and Node clients (tests, bench)
 * keep the package as it is.
 */
function websocketOnlyTransports(): Plugin {
	return {
		name: 'plenum-websocket-only',
		apply: 'build',
		transform: {
			filter: { id: /node_modules\/engine\.io-client\/build\/esm\/transports\/(index|polling|polling-xhr|polling-fetch|webtransport)\.js$/ },
			handler(code, id) {
				if (this.environment.name !== 'client') return null;
				// The polling module registers an unload handler and probes XHR at the top level, which kept it (and the
				// polling base class) in the bundle although nothing uses it: unused, these modules go.
				if (!id.endsWith('/index.js')) return { code, map: null, moduleSideEffects: false };
				// Fails the build, rather than quietly shipping a broken table, if engine.io-client changes this module.
				if (!code.includes('import { WS } from "./websocket.node.js";')) throw new Error('plenum-websocket-only: engine.io-client transports/index.js changed; update vite.config.ts');
				const refuse = (name: string) => `get ${name}() { throw new Error("engine.io-client: the ${name} transport is left out of this bundle (vite.config.ts); connect with transports: ['websocket']"); }`;
				return {
					code: `import { WS } from "./websocket.node.js";\nexport const transports = { websocket: WS, ${refuse('polling')}, ${refuse('webtransport')} };\n`,
					map: null
				};
			}
		}
	};
}

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
			// The same layout as `npm run i18n` writes, so dev, tests and the server share one compiled output.
			outputStructure: 'message-modules'
		}),
		sveltekit(),
		plenumRealtime(),
		treeshakeHints(),
		websocketOnlyTransports()
	],
	server: { port: Number(process.env.PORT ?? 5173) }
});
