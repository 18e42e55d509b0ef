import { AccountRepo } from './db/accounts';
import { BoardRepo, reportDamageTo } from './db/boards';
import { Checkpointer } from './db/checkpointer';
import { openDatabase } from './db/client';
import { EventRepo } from './db/events';
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
	repos: { accounts: AccountRepo; workshops: WorkshopRepo; boards: BoardRepo; events: EventRepo };
	services: Services;
	/** Checkpoints the write-ahead log off the event loop; closed before the database. */
	checkpointer: Checkpointer;
	/** Set by attachRealtime; the HTTP routes use it to tell the room about changes they made. */
	realtime: Realtime | null;
}

/** Opens the database (migrations applied) and wires the repositories and services. */
export function createDeps(config: Config, log: Logger = createLogger(config.logLevel)): Deps {
	const { sqlite, db, file } = openDatabase(config.dataDir, { synchronous: config.sqliteSynchronous });
	const checkpointer = new Checkpointer(sqlite, file, log);
	reportDamageTo((what) => log.error({ what }, 'damaged row in storage: served with a fallback'));
	const repos = { accounts: new AccountRepo(db), workshops: new WorkshopRepo(db), boards: new BoardRepo(db), events: new EventRepo(db) };
	const services = new Services(db, repos, { signupOpen: config.signupOpen, signInsPerIp: config.signInsPerIp });
	return { config, log, sqlite, db, repos, services, checkpointer, realtime: null };
}

/** Stops the checkpoint worker, then closes the database (graceful shutdown, tests). */
export function closeDeps(deps: Deps) {
	deps.checkpointer.close();
	deps.sqlite.close();
}

export { publishDeps, getDeps } from './deps-registry';
