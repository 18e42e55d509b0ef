/**
 * The module seam, checked in `npm test` (scripts/test.mjs runs `npm run check:imports`):
 * - the core names no activity module: nothing under server/ (outside server/features/ and the process entries
 * server/index.ts and server/dev.ts, which pass the registry in) or under
 *   src/lib/{activities,badges,domain,protocol,realtime,server} imports a module folder (server/features/<type>/ or
 *   src/lib/features/<type>/) or a registry (server/features/index.ts, src/lib/features/index.ts);
 * - one module never imports another (server/features/board/ may not import server/features/barcamp/, nor
 *   src/lib/features/barcamp/).
 * - no import cycle at run time.
 * The registries, the pages (src/routes) and the app's shared components (src/lib/components) compose the modules.
 */
const CORE_SERVER = '^server/(?!features/|index\\.ts$|dev\\.ts$)';
const CORE_LIB = '^src/lib/(activities|badges|domain|protocol|realtime|server)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'core-imports-no-module',
			comment: 'The core (gateway, room server, identity, outbox, clock, timer, presence, projection) names no activity module: modules are passed in through the registries.',
			severity: 'error',
			from: { path: [CORE_SERVER, CORE_LIB] },
			to: { path: ['^server/features/', '^src/lib/features/'] }
		},
		{
			name: 'module-imports-no-other-module',
			comment: 'An activity module depends on the core only, never on another module.',
			severity: 'error',
			from: { path: '^(server|src/lib)/features/([^/]+)/' },
			to: { path: '^(server|src/lib)/features/([^/]+)/', pathNot: '^(server|src/lib)/features/$2/' }
		},
		{
			name: 'no-runtime-circular',
			comment: 'No module is part of an import cycle at run time (type-only cycles around the Deps type are allowed: they vanish when compiled).',
			severity: 'error',
			from: {},
			to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } }
		},
		{
			name: 'module-imports-no-registry',
			comment: 'A module does not reach back into the registry that lists it.',
			severity: 'error',
			from: { path: '^(server|src/lib)/features/[^/]+/' },
			to: { path: '^(server|src/lib)/features/index\\.ts$' }
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: ['^src/lib/paraglide/', '^node_modules/', '^build/', '^\\.svelte-kit/'] },
		tsConfig: { fileName: 'tsconfig.json' },
		tsPreCompilationDeps: true,
		enhancedResolveOptions: { extensions: ['.ts', '.js', '.svelte', '.svelte.ts'] }
	}
};
