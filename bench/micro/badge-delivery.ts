// How long the event loop is held while a facilitator's confirmation delivers many badges at once (signing is CPU
// work on the server's only thread). Builds a closed workshop of PEOPLE participants who brought a backpack, each
// with three cards, then times `decide` (which signs every confirmed award) while a 1 ms timer records the longest
// gap between its runs: what a live room in the same process would wait at worst.
// Run: node --import tsx bench/micro/badge-delivery.ts [people]
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config';
import { closeDeps, createDeps } from '../../server/deps';
import { SERVER_MODULES } from '../../server/features/index';
import { createLogger } from '../../server/log';
import { commandContext } from '../../server/realtime/context';
import { Dirty } from '../../server/realtime/dirty';
import { handleCoreCommand } from '../../server/realtime/commands';
import type { ParticipationEvent } from '../../src/lib/domain/participation';

const PEOPLE = Number(process.argv[2] ?? 60);
const ORIGIN = 'http://192.168.1.20:3000';

async function main() {
	const dir = mkdtempSync(path.join(tmpdir(), 'plenum-delivery-'));
	const deps = createDeps({ ...loadConfig({}), dataDir: dir, logLevel: 'silent' }, SERVER_MODULES, createLogger('silent'));
	try {
		const user = await deps.services.signUp('10.0.0.1', 'bench', 'correct horse battery');
		if (!user.ok) throw new Error(user.reason);
		const org = await deps.badges.createOrganisation(user.value.id, { name: 'Bench', url: '', description: '' });
		if (!org.ok) throw new Error(org.reason);
		const w = deps.services.createWorkshop(user.value.id, 'Bench', 'en');
		if (!w.ok) throw new Error(w.reason);
		deps.badges.repo.setWorkshopOrganisation(w.value.id, org.value.id);
		const boardId = w.value.activeActivityId!;
		const run = (name: string, actor: { role: 'participant' | 'facilitator'; id: string }, payload: Record<string, unknown>) => {
			const events: ParticipationEvent[] = [];
			deps.db.transaction(() => {
				const ctx = commandContext(deps, deps.repos.workshops.get(w.value.id)!, actor, Date.now(), new Dirty(), events);
				const mod = deps.modules.ofCommand(name);
				const r = mod ? (mod.handlers as Record<string, (c: typeof ctx, p: unknown) => { ok: boolean }>)[name](ctx, { key: `k${Math.random()}`, ...payload }) : handleCoreCommand(name as never, ctx, { key: `k${Math.random()}`, ...payload } as never);
				if (!r.ok) throw new Error(name);
				deps.repos.participation.append(w.value.id, actor, Date.now(), events);
			});
		};
		for (let i = 0; i < PEOPLE; i++) {
			const p = deps.services.join(deps.repos.workshops.get(w.value.id)!, `P${i}`);
			if (!p.ok) throw new Error(p.reason);
			const backpack = deps.badges.createBackpack();
			deps.badges.bringBackpack(p.value.id, w.value.id, backpack.learnerId);
			for (let c = 0; c < 3; c++) run('card:create', { role: 'participant', id: p.value.id }, { boardId, text: `Idea ${i}.${c}` });
		}
		run('workshop:close', { role: 'facilitator', id: user.value.id }, {});
		const ids = deps.badges.pending(w.value.id)!.map((l) => l.awardId);
		let last = performance.now();
		let worst = 0;
		const long: number[] = [];
		const timer = setInterval(() => {
			const now = performance.now();
			worst = Math.max(worst, now - last);
			if (now - last > 12) long.push(Math.round(now - last));
			last = now;
		}, 1);
		const t0 = performance.now();
		const r = await deps.badges.decide(w.value.id, user.value.id, ids, ORIGIN);
		const took = performance.now() - t0;
		clearInterval(timer);
		worst = Math.max(worst, performance.now() - last);
		const issued = deps.sqlite.prepare('select count(*) as n from credentials').get() as { n: number };
		console.log(`${PEOPLE} people, ${r.ok ? r.value.confirmed : 0} awards confirmed, ${issued.n} credentials signed in ${took.toFixed(0)} ms; the event loop was held at most ${worst.toFixed(1)} ms at a time; gaps over 12 ms: ${long.length ? long.join(", ") : "none"}`);
	} finally {
		closeDeps(deps);
		rmSync(dir, { recursive: true, force: true });
	}
}
main();
