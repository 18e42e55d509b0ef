// Micro-benchmark behind the BarCamp section of docs/PERFORMANCE.md: the server's own work for each step of the
// `barcamp` scenario at its full size (600 participants, 40 proposals, about 3,300 stars, 8 rooms x 6 slots), in one
// process without sockets, timed in CPU time so that other processes' load does not count as work (each figure is
// the median and the 90th percentile of many runs). Run: node --import tsx bench/micro/barcamp.ts [participants]
import * as Y from 'yjs';
import { loadConfig } from '../../server/config';
import { closeDeps, createDeps } from '../../server/deps';
import { SERVER_MODULES } from '../../server/features/index';
import { gridProblems } from '../../server/features/barcamp/commands';
import { barcampRepo } from '../../server/features/barcamp/repo';
import { createLogger } from '../../server/log';
import { applyCommand } from '../../server/realtime/commands';
import { Dirty } from '../../server/realtime/dirty';
import { Projection } from '../../server/realtime/projection';
import { BARCAMP_MAPS } from '../../src/lib/features/barcamp/info';
import type { EventActor } from '../../src/lib/domain/participation';
import { tempDir } from '../lib/servers';

const N = Number(process.argv[2] ?? 600);
const deps = createDeps({ ...loadConfig({}), dataDir: tempDir(), port: 0, host: '127.0.0.1', logLevel: 'silent' }, SERVER_MODULES, createLogger('silent'));
const signup = await deps.services.signUp('127.0.0.1', 'micro', 'correct horse battery');
if (!signup.ok) throw new Error(signup.reason);
const created = deps.services.createWorkshop(signup.value.id, 'Micro camp', 'en');
if (!created.ok) throw new Error(created.reason);
const w = created.value;
const fac: EventActor = { role: 'facilitator', id: signup.value.id };
const apply = <T>(actor: EventActor, name: string, payload: Record<string, unknown>) => applyCommand(deps, w.id, actor, name, payload) as T;

const stats = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return `median ${s[Math.floor(s.length / 2)].toFixed(3)} ms, p90 ${s[Math.floor(s.length * 0.9)].toFixed(3)} ms (${s.length} runs)`;
};
// CPU time of the process (user and system), not wall time: on a shared machine, waiting for a core is not work.
const time = (fn: () => unknown) => {
	const t = process.cpuUsage();
	fn();
	const d = process.cpuUsage(t);
	return (d.user + d.system) / 1000;
};
const report = (label: string, xs: number[]) => console.log(`${label.padEnd(58)} ${stats(xs)}`);

// Setup as in the scenario: 8 rooms, 6 session slots and a lunch, N participants, 40 proposals.
const campId = apply<{ activityId: string }>(fac, 'activity:add', { type: 'barcamp' }).activityId;
apply(fac, 'activity:activate', { activityId: campId });
for (const [i, features] of [['projector', 'sound'], ['projector', 'whiteboard'], ['projector'], ['whiteboard'], ['laptops', 'projector'], ['quiet'], [], []].entries())
	apply(fac, 'barcamp:rooms', { activityId: campId, op: { type: 'add', name: `Room ${i}`, capacity: [150, 60, 40, 40, 30, 25, 20, 15][i], features } });
let t = Date.now() + 86_400_000;
for (let i = 0; i < 6; i++) {
	if (i === 3) apply(fac, 'barcamp:slots', { activityId: campId, op: { type: 'add', start: t, end: (t += 3_600_000), kind: 'break', label: 'Lunch' } });
	apply(fac, 'barcamp:slots', { activityId: campId, op: { type: 'add', start: t, end: t + 2_700_000, kind: 'sessions' } });
	t += 3_600_000;
}
const phones: EventActor[] = [];
for (let i = 0; i < N; i++) {
	const r = deps.services.join(deps.repos.workshops.get(w.id)!, `Phone ${i}`);
	if (!r.ok) throw new Error(r.reason);
	phones.push({ role: 'participant', id: r.value.id });
}
apply(fac, 'activity:phase', { activityId: campId, phase: 'propose' });
const proposals: string[] = [];
for (let k = 0; k < 40; k++)
	proposals.push(
		apply<{ proposal: { id: string } }>(phones[Math.floor((k * N) / 40)], 'proposal:create', {
			activityId: campId,
			title: `Session ${k + 1}`,
			description: 'About it.',
			format: 'discussion',
			needs: k % 8 === 7 ? ['projector'] : [],
			cohostIds: [],
			anonymous: false
		}).proposal.id
	);

// The interest storm: each participant stars 3 to 8 proposals, skewed (weight 1/(k+1)^1.2).
apply(fac, 'activity:phase', { activityId: campId, phase: 'vote' });
const weights = proposals.map((_, k) => 1 / Math.pow(k + 1, 1.2));
const star: number[] = [];
let rnd = 7;
const random = () => ((rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
for (const p of phones) {
	const want = 3 + Math.floor(random() * 6);
	const picked = new Set<number>();
	while (picked.size < want) {
		let r = random() * weights.reduce((a, b, i) => a + (picked.has(i) ? 0 : b), 0);
		const i = weights.findIndex((x, j) => !picked.has(j) && (r -= x) <= 0);
		picked.add(i < 0 ? weights.length - 1 : i);
	}
	for (const i of picked) star.push(time(() => apply(p, 'interest:set', { proposalId: proposals[i], on: true })));
}
const projection = new Projection(deps);
const wRow = deps.repos.workshops.get(w.id)!;
report(`interest:set (handler and transaction), ${star.length} stars`, star);
report('its acknowledgement\'s personal state (meState)', phones.slice(0, 200).map((p) => time(() => projection.meState(wRow, p.id))));
const camp = deps.modules.get('barcamp')!;
report('  of which the BarCamp\'s slice', phones.slice(0, 200).map((p) => time(() => camp.me!(deps, w.id, deps.repos.workshops.participant(p.id)!))));
const tally = camp.tally!;
report(`one tally for the facilitator (counts of ${star.length} stars)`, Array.from({ length: 200 }, () => time(() => tally.counts(deps, campId))));

// Plan, then the documents as the projection builds them (what a publish writes into them).
apply(fac, 'activity:phase', { activityId: campId, phase: 'plan' });
report('barcamp:plan (the planner on main, in its transaction)', Array.from({ length: 5 }, () => time(() => apply(fac, 'barcamp:plan', { activityId: campId }))));
apply(fac, 'activity:phase', { activityId: campId, phase: 'live' });
const docs = { public: projection.buildDoc(w.id, 'public'), staff: projection.buildDoc(w.id, 'staff') };
report('whole public document built from SQLite (as on publish)', Array.from({ length: 20 }, () => time(() => projection.buildDoc(w.id, 'public'))));
report('whole staff document built from SQLite', Array.from({ length: 20 }, () => time(() => projection.buildDoc(w.id, 'staff'))));
console.log(`${'public / staff document, encoded'.padEnd(58)} ${Y.encodeStateAsUpdate(docs.public).byteLength} / ${Y.encodeStateAsUpdate(docs.staff).byteLength} bytes`);

// One swap (barcamp:place onto an occupied cell) and the flush that projects it into both documents.
const placements = () => docs.staff.getMap<{ roomId: string; slotId: string }>(BARCAMP_MAPS.placements);
projection.docs = { loaded: (_id, audience) => docs[audience], connections: () => N };
const swaps: number[] = [];
const flushes: number[] = [];
let bytes = 0;
docs.public.on('update', (u: Uint8Array) => (bytes = u.byteLength));
for (let i = 0; i < 60; i++) {
	const [a, b] = [proposals[(i * 2) % 40], proposals[(i * 2 + 1) % 40]];
	const to = placements().get(b);
	if (!to || !placements().get(a)) continue;
	swaps.push(time(() => apply(fac, 'barcamp:place', { proposalId: a, roomId: to.roomId, slotId: to.slotId })));
	const d = new Dirty();
	d.mark('barcamp.camps', campId);
	d.mark('barcamp.placements', a);
	d.mark('barcamp.placements', b);
	projection.markDirty(w.id, d);
	flushes.push(time(() => projection.flush(w.id)));
}
report('barcamp:place, a swap (handler and transaction)', swaps);
report('  of which the grid check (gridProblems)', Array.from({ length: 60 }, () => time(() => gridProblems(deps, campId))));
report('    of which the interest by participant', Array.from({ length: 60 }, () => time(() => barcampRepo(deps).interestByParticipant(campId))));
report('the flush of one swap into both documents', flushes);
console.log(`${'one swap, the update each phone receives'.padEnd(58)} ${bytes} bytes`);
closeDeps(deps);
process.exit(0);
