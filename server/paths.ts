import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project folder, found from this module: it runs as `server/paths.ts` under tsx (dev, tests) and bundled into
 * `build/server.mjs` (`npm start`), so a fixed relative path would be wrong in one of the two.
 */
export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
	let dir = from;
	for (let i = 0; i < 5; i++) {
		if (fs.existsSync(path.join(dir, 'drizzle', 'migrations')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
		dir = path.dirname(dir);
	}
	throw new Error(`cannot find the Plenum project folder (with drizzle/migrations) above ${from}`);
}
