// Plans a BarCamp grid from an instance file, apart from the app: npm run plan -- <instance.json>
// Prints {"placements":[...],"unplaced":[...],"score":{...}} on stdout; a file that cannot be read, is not JSON
// or contradicts itself prints "error: <why>" on stderr and exits with 2. The format is in docs/ARCHITECTURE.md
// ("BarCamp planner"); bench/plan/example.json is a small example.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseInstance, plan } from '../src/lib/features/barcamp/planner';

function refuse(message: string): never {
	process.stderr.write(`error: ${message}\n`);
	process.exit(2);
}

const args = process.argv.slice(2);
if (args.length !== 1) refuse('usage: npm run plan -- <instance.json>');
// npm runs scripts in the project folder; a relative path is meant from where the command was typed.
const file = resolve(process.env.INIT_CWD ?? process.cwd(), args[0]);
let text: string;
try {
	text = readFileSync(file, 'utf8');
} catch (e) {
	const code = (e as NodeJS.ErrnoException).code;
	refuse(
		code === 'ENOENT' ? `no file ${file}` : code === 'EISDIR' ? `${file} is a folder, not a file` : `cannot read ${file} (${code ?? String(e)})`
	);
}
let json: unknown;
try {
	json = JSON.parse(text);
} catch (e) {
	refuse(`${file} is not JSON: ${(e as Error).message}`);
}
const parsed = parseInstance(json);
if (!parsed.ok) refuse(parsed.error);
process.stdout.write(`${JSON.stringify(plan(parsed.value), null, 2)}\n`);
