import { AccountRepo } from './db/accounts';
import { BoardRepo, reportDamageTo } from './db/boards';
import { Checkpointer } from './db/checkpointer';
import { openDatabase } from './db/client';
import { ParticipationRepo } from './db/participation';
import { ReceiptRepo, RECEIPT_PRUNE_EVERY_MS } from './db/receipts';
import { TextRepo } from './db/texts';
import { WorkshopRepo } from './db/workshops';
import type { Config } from './config';
import { createLogger, type Logger } from './log';
import { Services } from './services';
import type { Realtime } from './realtime/attach';

/** Everything the process shares: configuration, logger, database, repositories, services and realtime. */
export interface Deps {
	config: Config;
	log: Logger;
	sqlite: ReturnType<typeof openDatabase>['sqlite'];
	db: ReturnType<typeof openDatabase>['db'];
	repos: { accounts: AccountRepo; workshops: WorkshopRepo; boards: BoardRepo; receipts: ReceiptRepo; participation: ParticipationRepo; texts: TextRepo };
	services: Services;
	/** Checkpoints the write-ahead log off the event loop; closed before the database. */
	checkpointer: Checkpointer;
	/** Prunes old command receipts once an hour (and once at start); stopped before the database closes. */
	receiptPruner: NodeJS.Timeout;
	/** Set by attachRealtime; the HTTP routes use it to tell the room about changes they made. */
	realtime: Realtime | null;
}

/** Opens the database (migrations applied) and wires the repositories and services. */
export function createDeps(config: Config, log: Logger = createLogger(config.logLevel)): Deps {
	const { sqlite, db, file } = openDatabase(config.dataDir, { synchronous: config.sqliteSynchronous });
	const checkpointer = new Checkpointer(sqlite, file, log);
	reportDamageTo((what) => log.error({ what }, 'damaged row in storage: served with a fallback'));
	const repos = { accounts: new AccountRepo(db), workshops: new WorkshopRepo(db), boards: new BoardRepo(db), receipts: new ReceiptRepo(db), participation: new ParticipationRepo(db), texts: new TextRepo(db) };
	const services = new Services(db, repos, { signupOpen: config.signupOpen, signInsPerIp: config.signInsPerIp });
	const receiptPruner = startReceiptPruning(repos.receipts, log);
	return { config, log, sqlite, db, repos, services, checkpointer, receiptPruner, realtime: null };
}

/** Stops the checkpoint worker, then closes the database (graceful shutdown, tests). */
export function closeDeps(deps: Deps) {
	clearInterval(deps.receiptPruner);
	deps.checkpointer.close();
	deps.sqlite.close();
}

export { publishDeps, getDeps } from './deps-registry';

/**
 * Deletes command receipts past their time to live at start and then once an hour: one indexed range delete,
 * a few milliseconds even for a busy week, so it runs on the event loop.
 */
function startReceiptPruning(receipts: ReceiptRepo, log: Logger): NodeJS.Timeout {
	const prune = () => {
		const n = receipts.prune(Date.now());
		if (n > 0) log.info({ receipts: n }, 'pruned old command receipts');
	};
	prune();
	const timer = setInterval(prune, RECEIPT_PRUNE_EVERY_MS);
	timer.unref();
	return timer;
}
