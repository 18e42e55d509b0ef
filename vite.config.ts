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
		plenumRealtime()
	],
	server: { port: Number(process.env.PORT ?? 5173) }
});
