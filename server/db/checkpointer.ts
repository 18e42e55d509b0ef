import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Logger } from '../log';

/**
 * Checkpoints the write-ahead log on a worker thread with its own connection, so that no command waits for it.
 * SQLite's automatic checkpoint runs inside the commit that crosses 1,000 pages: one commit in about a thousand
 * then took 18 to 25 ms instead of 0.04 ms (docs/PERFORMANCE.md), and in a card storm every such commit delays
 * the acknowledgements queued behind it. A PASSIVE checkpoint never blocks the writer. If the worker cannot run,
 * the connection falls back to SQLite's automatic checkpoint, so the log never grows without bound.
 */
export class Checkpointer {
	private worker: Worker | null = null;
	private timer: NodeJS.Timeout | null = null;
	private busy = false;
	private closed = false;

	constructor(
		private sqlite: Database.Database,
		file: string,
		private log: Logger,
		intervalMs = 1000
	) {
		const driver = createRequire(import.meta.url).resolve('better-sqlite3');
		try {
			this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file } });
		} catch (err) {
			this.fallBack(err);
			return;
		}
		this.sqlite.pragma('wal_autocheckpoint = 0');
		this.worker.unref();
		this.worker.on('message', (m: { ok: boolean; error?: string }) => {
			this.busy = false;
			if (!m.ok) this.log.warn({ error: m.error }, 'wal checkpoint failed; will retry');
		});
		this.worker.on('error', (err) => this.fallBack(err));
		this.worker.on('exit', (code) => {
			if (!this.closed) this.fallBack(new Error(`checkpoint worker exited with code ${code}`));
		});
		this.timer = setInterval(() => {
			if (this.busy || !this.worker) return;
			this.busy = true;
			this.worker.postMessage('checkpoint');
		}, intervalMs);
		this.timer.unref();
	}

	private fallBack(err: unknown) {
		if (this.closed) return;
		this.log.error({ err }, 'checkpoint worker unavailable: SQLite checkpoints in the commit again');
		this.stop();
		if (this.sqlite.open) this.sqlite.pragma('wal_autocheckpoint = 1000');
	}

	private stop() {
		if (this.timer) clearInterval(this.timer);
		this.timer = null;
		const w = this.worker;
		this.worker = null;
		void w?.terminate();
	}

	/**
	 * Checkpoints everything and truncates the write-ahead log to zero bytes, soon after the caller's work (after an
	 * erasure: the log still holds the old pages of what was erased). It runs on the main connection, between two
	 * commands: from the worker, a TRUNCATE checkpoint holds the write lock while the main connection may be inside a
	 * transaction, which then fails as "database is locked". It costs the event loop one full checkpoint (about a
	 * second of writes at most), once per erasure; if a reader holds the log, it is tried again a little later.
	 */
	truncate(retries = 20) {
		setImmediate(() => {
			if (this.closed || !this.sqlite.open) return;
			let done = false;
			try {
				const [r] = this.sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
				done = r.busy === 0;
			} catch (err) {
				this.log.warn({ err }, 'wal truncate failed; will retry');
			}
			if (!done && retries > 0) setTimeout(() => this.truncate(retries - 1), 200).unref();
		});
	}

	/** Stops the worker (the main connection's close checkpoints what is left). */
	close() {
		this.closed = true;
		this.stop();
	}
}

// Plain CommonJS, evaluated in the worker: it works the same from the TypeScript sources and from the bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
parentPort.on('message', () => {
	try {
		const [r] = db.pragma('wal_checkpoint(PASSIVE)');
		parentPort.postMessage({ ok: r.busy === 0 || r.busy === 1, error: r.busy ? 'busy' : undefined });
	} catch (e) {
		parentPort.postMessage({ ok: false, error: String(e && e.message || e) });
	}
});
`;
