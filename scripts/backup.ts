// Writes a consistent copy of the live database with VACUUM INTO (safe while the server runs: WAL readers do
// not block the writer). Usage: npm run backup [-- target-file]
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../server/config';

const config = loadConfig();
const source = path.join(config.dataDir, 'plenum.sqlite');
if (!fs.existsSync(source)) {
	console.error(`No database at ${source} (set DATA_DIR).`);
	process.exit(1);
}
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const target = path.resolve(process.argv[2] ?? path.join(config.dataDir, 'backups', `plenum-${stamp}.sqlite`));
fs.mkdirSync(path.dirname(target), { recursive: true });
if (fs.existsSync(target)) {
	console.error(`${target} exists already; choose another name.`);
	process.exit(1);
}
const db = new Database(source, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.prepare('VACUUM INTO ?').run(target);
db.close();
const check = new Database(target, { readonly: true });
const ok = check.pragma('integrity_check', { simple: true });
check.close();
if (ok !== 'ok') {
	console.error(`Backup written to ${target} but its integrity check failed: ${String(ok)}`);
	process.exit(1);
}
console.log(`Backup written to ${target} (${fs.statSync(target).size} bytes, integrity ok)`);

// The organisations' signing keys are files, not rows: without them the database can no longer sign status lists
// (revocations) or new badges. They are copied beside the database copy, keeping their owner-only permissions.
const keyDir = config.keyDir ?? path.join(config.dataDir, 'keys');
if (fs.existsSync(keyDir)) {
	const keyTarget = target.replace(/\.sqlite$/, '') + '-keys';
	fs.cpSync(keyDir, keyTarget, { recursive: true, preserveTimestamps: true });
	fs.chmodSync(keyTarget, 0o700);
	console.log(`Signing keys copied to ${keyTarget} (keep it as private as the keys folder)`);
}
