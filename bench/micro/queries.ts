// Micro-benchmark behind a finding in docs/PERFORMANCE.md: the cost of one repository read as written today
// (drizzle's query builder, which builds the SQL and lets better-sqlite3 prepare it on every call) against the
// same read through a statement prepared once. Run: node --import tsx bench/micro/queries.ts
import { eq, sql } from 'drizzle-orm';
import { openDatabase } from '../../server/db/client';
import { WorkshopRepo } from '../../server/db/workshops';
import { AccountRepo } from '../../server/db/accounts';
import { workshops } from '../../drizzle/schema';
import { tempDir } from '../lib/servers';

const { sqlite, db } = openDatabase(tempDir());
const accounts = new AccountRepo(db);
const repo = new WorkshopRepo(db);
const user = await accounts.createUser('micro', 'correct horse battery staple', Date.now());
const w = repo.create({ title: 'Micro', locale: 'en', code: 'ABCDEFG', ownerId: user!.id, now: Date.now() });
const N = 20_000;
const time = (label: string, fn: () => unknown) => {
	for (let i = 0; i < 2000; i++) fn();
	const t = performance.now();
	for (let i = 0; i < N; i++) fn();
	const us = ((performance.now() - t) * 1000) / N;
	console.log(`${label.padEnd(52)} ${us.toFixed(1)} µs per call`);
	return us;
};
const a = time('repos.workshops.get(id) (as today)', () => repo.get(w.id));
const drizzlePrepared = db.select().from(workshops).where(eq(workshops.id, sql.placeholder('id'))).prepare();
const b = time('drizzle .prepare() once, .get({ id })', () => drizzlePrepared.get({ id: w.id }));
const raw = sqlite.prepare('select * from workshops where id = ?');
const c = time('better-sqlite3 statement prepared once (raw row)', () => raw.get(w.id));
console.log(`\nas today / prepared once: ${(a / b).toFixed(1)}x (drizzle), ${(a / c).toFixed(1)}x (raw)`);
sqlite.close();
