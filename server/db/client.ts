import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import * as schema from '../../drizzle/schema';
import { PROJECT_ROOT } from '../paths';

export type Db = BetterSQLite3Database<typeof schema>;

const migrationsFolder = path.join(PROJECT_ROOT, 'drizzle', 'migrations');

/**
 * Opens (or creates) the database in `dataDir`: WAL, foreign keys, an integrity check, then the committed
 * migrations. Throws with a clear message when the file is damaged, rather than writing into it.
 */
export function openDatabase(dataDir: string, opts: { synchronous?: 'NORMAL' | 'FULL'; file?: string } = {}) {
	fs.mkdirSync(dataDir, { recursive: true });
	const file = path.join(dataDir, opts.file ?? 'plenum.sqlite');
	const sqlite = new Database(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma(`synchronous = ${opts.synchronous ?? 'NORMAL'}`);
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	// Deleted rows are overwritten, not only unlinked: erasing a participant must leave no nickname or card text
	// readable in the file (the write-ahead log is truncated after an erasure, see Checkpointer.truncate).
	sqlite.pragma('secure_delete = ON');
	const integrity = sqlite.pragma('integrity_check', { simple: true });
	if (integrity !== 'ok') {
		sqlite.close();
		throw new Error(`database ${file} failed PRAGMA integrity_check: ${String(integrity)}; restore a backup (see README)`);
	}
	const db = drizzle(sqlite, { schema });
	migrate(db, { migrationsFolder });
	return { sqlite, db, file };
}
