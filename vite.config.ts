import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig, type Plugin } from 'vite';
import { compactMessages, websocketOnlyTransports } from './vite.plugins.ts';

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
		websocketOnlyTransports(),
		compactMessages()
	],
	server: { port: Number(process.env.PORT ?? 5173) }
});
