import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Newest modification time of the message files and the inlang settings. */
function sourcesTime(): number {
	const dir = path.join(root, 'messages');
	const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
	files.push(path.join(root, 'project.inlang', 'settings.json'));
	return Math.max(...files.map((f) => fs.statSync(f).mtimeMs));
}

/** Vitest global setup: compiles the Paraglide messages when they are missing or older than messages/*.json. */
export default function setup(): void {
	const compiled = path.join(root, 'src', 'lib', 'paraglide', 'messages.js');
	if (fs.existsSync(compiled) && fs.statSync(compiled).mtimeMs >= sourcesTime()) return;
	execFileSync('npm', ['run', '--silent', 'i18n'], { cwd: root, stdio: 'inherit' });
}
