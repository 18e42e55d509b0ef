// Micro-benchmark behind "group commits of one tick" in docs/PERFORMANCE.md (issue 13): what a card storm's
// commands would save if the commands of one tick committed in one transaction. Each `card:create` runs as the
// gateway runs it (handler, participation event; see applyCommand), either in a transaction of its own (today) or
// 30 to a transaction, where each becomes a savepoint (a group commit still needs one per command, so that one
// command's refusal rolls back only that command). CPU time of this process, so other processes' load does not
// count. Run: node --import tsx bench/micro/group-commit.ts [cards]
import { loadConfig } from '../../server/config';
import { closeDeps, createDeps } from '../../server/deps';
import { SERVER_MODULES } from '../../server/features/index';
import { createLogger } from '../../server/log';
import { applyCommand } from '../../server/realtime/commands';
import type { EventActor } from '../../src/lib/domain/participation';
import { tempDir } from '../lib/servers';

const CARDS = Math.min(20_000, Number(process.argv[2] ?? 3000));
const GROUP = 30;
const deps = createDeps({ ...loadConfig({}), dataDir: tempDir(), port: 0, host: '127.0.0.1', logLevel: 'silent' }, SERVER_MODULES, createLogger('silent'));
const signup = await deps.services.signUp('127.0.0.1', 'micro', 'correct horse battery');
if (!signup.ok) throw new Error(signup.reason);

/** A fresh workshop whose board collects cards, and 1,000 phones in it. */
function room() {
	const created = deps.services.createWorkshop(signup.ok ? signup.value.id : '', 'Micro storm', 'en');
	if (!created.ok) throw new Error(created.reason);
	const w = created.value;
	const boardId = w.activeActivityId!;
	const phones: EventActor[] = [];
	for (let i = 0; i < 1000; i++) {
		const r = deps.services.join(deps.repos.workshops.get(w.id)!, `Phone ${i}`);
		if (!r.ok) throw new Error(r.reason);
		phones.push({ role: 'participant', id: r.value.id });
	}
	return { w, boardId, phones };
}

const cpu = (fn: () => void) => {
	const t = process.cpuUsage();
	fn();
	const d = process.cpuUsage(t);
	return (d.user + d.system) / 1000;
};

function run(grouped: boolean): number {
	const { w, boardId, phones } = room();
	const one = (i: number) => applyCommand(deps, w.id, phones[i % phones.length], 'card:create', { boardId, text: `Idea ${i}` });
	return cpu(() => {
		if (!grouped) for (let i = 0; i < CARDS; i++) one(i);
		else
			for (let i = 0; i < CARDS; i += GROUP)
				deps.db.transaction(() => {
					for (let j = i; j < Math.min(CARDS, i + GROUP); j++) one(j);
				});
	});
}

const rounds: { alone: number; grouped: number }[] = [];
for (let r = 0; r < 5; r++) rounds.push({ alone: run(false), grouped: run(true) });
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const alone = med(rounds.map((r) => r.alone));
const grouped = med(rounds.map((r) => r.grouped));
console.log(`${CARDS} card:create, median of ${rounds.length} rounds, CPU time:`);
console.log(`  a transaction each (today):        ${alone.toFixed(0)} ms, ${((alone * 1000) / CARDS).toFixed(1)} us per card`);
console.log(`  ${GROUP} per transaction (savepoints): ${grouped.toFixed(0)} ms, ${((grouped * 1000) / CARDS).toFixed(1)} us per card`);
console.log(`  saved: ${(((alone - grouped) * 1000) / CARDS).toFixed(1)} us per card (${(100 * (1 - grouped / alone)).toFixed(0)} %)`);
closeDeps(deps);
