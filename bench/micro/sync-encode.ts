// Micro-benchmark behind a finding in docs/PERFORMANCE.md: what the Yjs room server does for every connecting
// client (encode the whole document as an update for its empty state vector), on a board document the size of the
// big-board scenario. Run: node --import tsx bench/micro/sync-encode.ts [cards] [moves]
import * as Y from 'yjs';

const CARDS = Number(process.argv[2] ?? 2000);
const MOVES = Number(process.argv[3] ?? 10_000);
const doc = new Y.Doc({ gc: true });
const cards = doc.getMap('board.cards');
const view = (i: number, col: number) => ({ id: `card${i}`, boardId: 'board', text: `Big card ${String(i).padStart(4, '0')}`, columnId: `col${col}`, laneId: null, clusterId: null, position: i, createdAt: 1_700_000_000_000 + i, author: `Phone ${i}` });
for (let i = 0; i < CARDS; i++) doc.transact(() => cards.set(`card${i}`, view(i, 0)));
for (let k = 0; k < MOVES; k++) doc.transact(() => cards.set(`card${(k * 7) % CARDS}`, view((k * 7) % CARDS, (k % 3) + 1)));
const empty = Y.encodeStateVector(new Y.Doc());
const t0 = performance.now();
const N = 20;
let bytes = 0;
for (let i = 0; i < N; i++) bytes = Y.encodeStateAsUpdate(doc, empty).byteLength;
const perSync = (performance.now() - t0) / N;
console.log(`document of ${CARDS} cards after ${MOVES} moves: ${(bytes / 1024).toFixed(0)} KiB per full sync, ${perSync.toFixed(1)} ms of server CPU to encode it`);
console.log(`200 phones reconnecting at once (the restart scenario): ${((perSync * 200) / 1000).toFixed(1)} s of encoding on one core; with the encoded state cached per document version: ${perSync.toFixed(1)} ms`);
