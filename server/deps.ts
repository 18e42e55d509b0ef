import path from 'node:path';
import { AccountRepo } from './db/accounts';
import { ActivityRepo } from './db/activities';
import { Checkpointer } from './db/checkpointer';
import { openDatabase } from './db/client';
import { reportDamageTo } from './db/damage';
import { ParticipationRepo } from './db/participation';
import { ReceiptRepo, RECEIPT_PRUNE_EVERY_MS } from './db/receipts';
import { TextRepo } from './db/texts';
import { WorkshopRepo } from './db/workshops';
import type { Config } from './config';
import { createLogger, type Logger } from './log';
import { Notifier } from './notifier';
import { ModuleRegistry, type ServerModule } from './realtime/modules';
import { Services } from './services';
import { Badges } from './badges/service';

/** Everything the process shares: configuration, logger, database, repositories, modules, services. */
export interface Deps {
	config: Config;
	log: Logger;
	sqlite: ReturnType<typeof openDatabase>['sqlite'];
	db: ReturnType<typeof openDatabase>['db'];
	/** The core's repositories; each activity module keeps its own (server/features/<type>/repo.ts). */
	repos: { accounts: AccountRepo; workshops: WorkshopRepo; activities: ActivityRepo; receipts: ReceiptRepo; participation: ParticipationRepo; texts: TextRepo };
	/** The activity types of this process (server/features/index.ts, passed in by the entry). */
	modules: ModuleRegistry;
	services: Services;
	/** The badge and CV model (server/badges/): organisations, awards, backpacks, credentials. */
	badges: Badges;
	/** How the HTTP side tells the live rooms about changes it made (attachRealtime listens). */
	notifier: Notifier;
	/** Checkpoints the write-ahead log off the event loop; closed before the database. */
	checkpointer: Checkpointer;
	/** Prunes old command receipts once an hour (and once at start); stopped before the database closes. */
	receiptPruner: NodeJS.Timeout;
}

/** Opens the database (migrations applied) and wires the repositories, the modules and the services. */
export function createDeps(config: Config, modules: readonly ServerModule[], log: Logger = createLogger(config.logLevel)): Deps {
	const { sqlite, db, file } = openDatabase(config.dataDir, { synchronous: config.sqliteSynchronous });
	const checkpointer = new Checkpointer(sqlite, file, log);
	reportDamageTo((what) => log.error({ what }, 'damaged row in storage: served with a fallback'));
	const registry = new ModuleRegistry(modules);
	const repos = {
		accounts: new AccountRepo(db),
		workshops: new WorkshopRepo(db),
		activities: new ActivityRepo(db),
		receipts: new ReceiptRepo(db),
		participation: new ParticipationRepo(db, (kind) => registry.eventVersion(kind)),
		texts: new TextRepo(db)
	};
	const deps = { config, log, sqlite, db, repos, modules: registry, notifier: new Notifier(), checkpointer, receiptPruner: startReceiptPruning(repos.receipts, log) } as Omit<Deps, 'services'> as Deps;
	deps.services = new Services(deps, { signupOpen: config.signupOpen, signInsPerIp: config.signInsPerIp });
	deps.badges = new Badges(deps, config.keyDir ?? path.join(config.dataDir, 'keys'));
	return deps;
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
