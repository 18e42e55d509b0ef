// `npm run demo`: starts Plenum (building it first if needed), creates a facilitator and a sample workshop, and
// brings a few dozen simulated phones through joining, posting, grouping, voting and discussing, round after
// round. Prints the facilitator login, the phone join link and the projector link; runs until Ctrl-C. First it
// walks the badge path once (bench/lib/badges-demo.ts): an organisation, a short sample workshop run for it, closed,
// its badges confirmed and taken home by one phone; it prints that backpack's CV share link and one credential.
import { randomBytes } from 'node:crypto';
import { ensureBuild } from './run';
import { Facilitator } from './lib/facilitator';
import { badgePath } from './lib/badges-demo';
import { startWorkers, stopWorkers, type Worker } from './lib/pool';
import { now, sleep } from './lib/proc';
import { startPlenum, tempDir, type ServerProc } from './lib/servers';
import type { Task } from './lib/protocol';
import { BOARD_MAPS } from '../src/lib/features/board/spec';
import type { CardView } from '../src/lib/features/board/views';

const PHONES = Number(process.env.DEMO_PHONES ?? 30);
const ROUNDS = 10;
const NAMES = ['Alex', 'Sam', 'Mika', 'Jo', 'Robin', 'Kim', 'Noa', 'Lou', 'Charlie', 'Ari', 'Eli', 'Fin', 'Jule', 'Luca', 'Mira', 'Nico', 'Pia', 'Ren', 'Sasha', 'Toni', 'Yan', 'Zoe', 'Ben', 'Ida', 'Leo', 'Mia', 'Ola', 'Tim', 'Uma', 'Vic'];
const IDEAS = [
	'A quiet room for studying during breaks',
	'More plants in the hallways',
	'Student-run café on Fridays',
	'Repair café for bikes and phones',
	'A podcast about our neighbourhood',
	'Swap shelf for books and games',
	'Solar panels on the gym roof',
	'Mentoring: older students help younger ones',
	'Outdoor classroom in the courtyard',
	'Longer lunch break, shorter days',
	'Coding club for beginners',
	'Open stage evening every month',
	'Recycling stations in every classroom',
	'A mural painted by all classes',
	'Water refill stations',
	'Language tandem with a partner school'
];
const ROUND_TITLES = ['Our next school project', 'How do we want to learn?', 'Ideas for the summer festival', 'What should the student council do next?'];

let server: ServerProc | null = null;
let workers: Worker[] = [];
let stopping = false;

async function main() {
	ensureBuild();
	const port = Number(process.env.PORT ?? 3000);
	server = await startPlenum(tempDir('plenum-demo-'), { port, inspect: false, env: { LOG_LEVEL: 'warn', HOST: process.env.HOST ?? '127.0.0.1' } }).catch(async (e) => {
		if (process.env.PORT) throw e;
		console.log(`Port ${port} is taken; using a free port instead.`);
		return startPlenum(tempDir('plenum-demo-'), { inspect: false });
	});
	const url = server.url;
	const name = `demo-${randomBytes(2).toString('hex')}`;
	const password = randomBytes(9).toString('base64url');
	const fac = await Facilitator.createWith(url, name, password, 'Demo: Our school, our ideas');
	const { workshop, board } = await fac.meta();
	await fac.liveBoard(board.id);
	const token = await fac.projectorToken();
	const badges = await badgePath(url, fac.cookie);
	console.log(`
  Plenum demo is running.

  Facilitator:  ${url}/login   name: ${name}   password: ${password}
  Phone:        ${url}/j/${workshop.code}   (join code ${workshop.code})
  Projector:    ${url}/projector/${token}

  Badges: the sample workshop "Badges sample: Zukunftswerkstatt" is closed, ${badges.awards} badges confirmed,
  and Ada took hers home.
  Her CV (share link):   ${badges.shareLink}
  One credential:        ${badges.credential}   (its JSON: ${badges.credential}.json)
  Her backpack code:     ${badges.recovery}   (open it at ${url}/backpack/open)
  Pending badges page:   ${url}/f/w/${badges.workshopId}/badges   (sign in as the facilitator above)

  ${PHONES} simulated phones are joining now; open the links to watch. Press Ctrl-C to stop.
`);
	workers = await startWorkers(2, { maxLifetimeMs: 12 * 3600_000 });
	const per: { idx: number; nickname: string }[][] = [[], []];
	for (let i = 0; i < PHONES; i++) per[i % 2].push({ idx: i, nickname: `${NAMES[i % NAMES.length]}${i >= NAMES.length ? ` ${Math.floor(i / NAMES.length) + 1}` : ''}` });
	const joined = await Promise.all(
		workers.map((w, i) =>
			w.call('plenum.join', { group: 'demo', url, code: workshop.code, workshopId: workshop.id, items: per[i].map((p, j) => ({ ...p, at: now() + 2000 + j * 300 })), yjs: 'thin', fullEvery: 0, retry: true, deadlineMs: 60_000, concurrency: 4, reconnection: true })
		)
	);
	console.log(`  ${joined.reduce((n, r) => n + r.joined, 0)} phones joined.`);
	let boardId = board.id;
	for (let round = 1; round <= ROUNDS && !stopping; round++) {
		if (round > 1) {
			await sleep(20_000);
			if (stopping) break;
			const created = await fac.cmd<{ activityId: string }>('activity:add', { type: 'board', title: ROUND_TITLES[(round - 1) % ROUND_TITLES.length] });
			boardId = created.activityId;
			await fac.liveBoard(boardId);
			await fac.cmd('activity:activate', { activityId: boardId });
		}
		await playRound(fac, boardId, round);
	}
	console.log('  The simulated phones are done; the server keeps running until Ctrl-C.');
}

async function send(tasks: Task[]) {
	const per: Task[][] = [[], []];
	for (const t of tasks) per[t.idx % 2].push(t);
	await Promise.all(workers.map((w, i) => w.call('send', { group: 'demo', tasks: per[i], retry: true, deadlineMs: 60_000, ackTimeoutMs: 5000 })));
}

/** One board through the phases: Collect (cards arrive), Reveal, Group, Vote (dots), Discuss. */
async function playRound(fac: Facilitator, boardId: string, round: number) {
	const say = (m: string) => console.log(`  [round ${round}] ${m}`);
	await fac.cmd('timer:control', { action: 'start', seconds: 25 });
	say('Collect: phones are posting ideas');
	const start = now() + 500;
	const cards: Task[] = Array.from({ length: Math.round(PHONES * 0.8) }, (_, j) => ({
		idx: (j * 7 + round) % PHONES,
		at: start + j * (20_000 / PHONES),
		seq: j,
		kind: 'card',
		boardId,
		text: IDEAS[(j + round * 3) % IDEAS.length],
		plain: true
	}));
	await send(cards);
	await sleep(3000);
	await fac.cmd('activity:phase', { activityId: boardId, phase: 'reveal' });
	say('Reveal');
	await sleep(5000);
	await fac.cmd('activity:phase', { activityId: boardId, phase: 'group' });
	const doc = await fac.staffDoc();
	const onBoard = [...(doc.getMap(BOARD_MAPS.cards).values() as IterableIterator<CardView>)].filter((c) => c.boardId === boardId);
	const byText = new Map<string, string[]>();
	for (const c of onBoard) byText.set(c.text, [...(byText.get(c.text) ?? []), c.id]);
	for (const [text, ids] of [...byText].filter(([, ids]) => ids.length > 1).slice(0, 3)) await fac.cmd('cluster:create', { boardId, title: text.slice(0, 40), cardIds: ids });
	say('Group: duplicates clustered');
	await sleep(5000);
	await fac.cmd('activity:phase', { activityId: boardId, phase: 'vote' });
	say('Vote: phones place their dots');
	const clusters = [...(doc.getMap(BOARD_MAPS.clusters).values() as IterableIterator<{ id: string; boardId: string }>)].filter((c) => c.boardId === boardId).map((c) => c.id);
	const loose = [...(doc.getMap(BOARD_MAPS.cards).values() as IterableIterator<CardView>)].filter((c) => c.boardId === boardId && !c.clusterId).map((c) => c.id);
	const items = [...clusters, ...loose];
	if (items.length) {
		const vstart = now() + 500;
		const votes: Task[] = [];
		for (let i = 0; i < PHONES; i++)
			for (let k = 0; k < 3; k++) votes.push({ idx: i, at: vstart + (i * 3 + k) * (12_000 / (PHONES * 3)), seq: i * 3 + k, kind: 'vote', boardId, itemId: items[Math.floor(Math.abs(Math.sin(i * 3 + k + round)) * items.length ** 0.8) % items.length] });
		await send(votes);
	}
	await sleep(2000);
	await fac.cmd('board:voting', { boardId, closed: true });
	await fac.cmd('activity:phase', { activityId: boardId, phase: 'discuss' });
	if (items.length) await fac.cmd('board:discuss', { boardId, itemId: items[0] }).catch(() => {});
	say('Discuss: the top items are on the projector');
}

async function stop() {
	if (stopping) return;
	stopping = true;
	console.log('\n  Stopping the demo ...');
	stopWorkers(workers);
	await server?.kill();
	process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

main().catch(async (e) => {
	if (stopping) return;
	console.error(e);
	stopWorkers(workers);
	await server?.kill();
	process.exit(1);
});
