// Micro-benchmark behind a finding in docs/PERFORMANCE.md: `lastPosition` (run for every card:create) on a board
// with many cards, with the schema's index on board_id only and with an index on (board_id, column_id, position).
// Run: node --import tsx bench/micro/last-position.ts [cards]
import { loadConfig } from '../../server/config';
import { closeDeps, createDeps } from '../../server/deps';
import { SERVER_MODULES } from '../../server/features/index';
import { boardRepo } from '../../server/features/board/repo';
import { createLogger } from '../../server/log';
import { tempDir } from '../lib/servers';

const CARDS = Number(process.argv[2] ?? 3000);
const deps = createDeps({ ...loadConfig({}), dataDir: tempDir(), logLevel: 'silent' }, SERVER_MODULES, createLogger('silent'));
const { sqlite } = deps;
const boards = boardRepo(deps);
const user = await deps.repos.accounts.createUser('micro', 'correct horse battery staple', Date.now());
// A new workshop's first activity is a board with three columns.
const w = deps.services.createWorkshop(user!.id, 'Micro', 'en');
if (!w.ok) throw new Error(w.reason);
const board = boards.board(w.value.activeActivityId!)!;
const cols = board.columns.map((c) => c.id);
sqlite.transaction(() => {
	for (let i = 0; i < CARDS; i++)
		boards.insertCard({ id: `c${i}`, boardId: board.id, authorId: user!.id, authorRole: 'facilitator', text: `Card ${i}`, columnId: cols[i % 3], laneId: null, clusterId: null, position: i, status: 'visible', revealed: true, createdAt: i });
})();
const time = (label: string, fn: () => unknown) => {
	for (let i = 0; i < 200; i++) fn();
	const n = 2000;
	const t = performance.now();
	for (let i = 0; i < n; i++) fn();
	const us = ((performance.now() - t) * 1000) / n;
	console.log(`${label.padEnd(60)} ${us.toFixed(1)} µs per call`);
	return us;
};
console.log(`a board with ${CARDS} cards in 3 columns:`);
const a = time('lastPosition (as today: index on board_id)', () => boards.lastPosition(board.id, cols[0]));
const c1 = time('countCards (as today)', () => boards.countCards(board.id));
sqlite.exec('create index cards_board_column_position on cards (board_id, column_id, position)');
const b = time('lastPosition with index (board_id, column_id, position)', () => boards.lastPosition(board.id, cols[0]));
const raw = sqlite.prepare('select max(position) as p from cards where board_id = ? and column_id = ?');
const c = time('... and the statement prepared once', () => raw.get(board.id, cols[0]));
console.log(`\nindex: ${(a / b).toFixed(1)}x faster; index + prepared once: ${(a / c).toFixed(1)}x faster (countCards ${c1.toFixed(0)} µs)`);
closeDeps(deps);
