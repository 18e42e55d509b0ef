import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client';
import { ReceiptRepo, RECEIPT_TTL_MS } from '../../server/db/receipts';
import { loadConfig } from '../../server/config';
import { closeDeps, createDeps } from '../../server/deps';
import { SERVER_MODULES } from '../../server/features/index';
import { boardRepo } from '../../server/features/board/repo';
import { createLogger } from '../../server/log';
import { PROJECT_ROOT } from '../../server/paths';
import { addActivity } from '../../server/activities';
import { commandContext } from '../../server/realtime/context';

const MIGRATIONS = path.join(PROJECT_ROOT, 'drizzle', 'migrations');

/** A migrations folder holding only the first `n` migrations, to write a database of an older schema. */
function migrationsUpTo(n: number): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-mig-'));
	fs.mkdirSync(path.join(dir, 'meta'));
	const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, 'meta', '_journal.json'), 'utf8'));
	journal.entries = journal.entries.slice(0, n);
	fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
	for (const e of journal.entries) fs.copyFileSync(path.join(MIGRATIONS, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
	return dir;
}

describe('migration 0004-0006: events become receipts and a participation log', () => {
	it('carries a database written by the schema up to 0003 forward: receipts without text, mapped kinds in the log', () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-old-'));
		const file = path.join(dataDir, 'plenum.sqlite');
		const old = new Database(file);
		old.pragma('foreign_keys = ON');
		migrate(drizzle(old), { migrationsFolder: migrationsUpTo(4) });
		const now = Date.now();
		const run = (sql: string, ...args: unknown[]) => old.prepare(sql).run(...args);
		run(`insert into users values ('u1', 'Fac', 'fac', 'x', ?)`, now);
		run(`insert into workshops values ('w1', 'Old workshop', 'en', 'ABCD23', 'open', 'u1', 'proj', 'inv', 'b1', '{"status":"idle"}', ?, null)`, now);
		run(`insert into boards (id, workshop_id, title, phase, columns, lanes, settings, voting_closed, discuss_item_id, created_at) values ('b1', 'w1', 'Board', 'vote', '[]', '[]', '{}', 0, null, ?)`, now);
		run(`insert into participants values ('p1', 'w1', 'Oldnick Brumfel', 'tok1', ?)`, now - 10);
		run(`insert into cards (id, board_id, author_id, author_role, text, column_id, lane_id, cluster_id, position, status, revealed, created_at, updated_at) values ('c1', 'b1', 'p1', 'participant', 'Old card text', 'col', null, null, 1, 'visible', 1, ?, ?)`, now, now);
		const card = JSON.stringify({ card: { id: 'c1', boardId: 'b1', text: 'Old card text', authorName: 'Oldnick Brumfel' } });
		const ev = old.prepare(`insert into events (workshop_id, actor_role, actor_id, kind, subject_id, idem_key, request_hash, result, created_at) values ('w1', ?, ?, ?, ?, ?, ?, ?, ?)`);
		ev.run('participant', 'p1', 'card:create', 'b1', 'k1', 'h1', card, now + 1);
		ev.run('facilitator', 'u1', 'card:update', 'c1', 'k2', 'h2', card, now + 2);
		ev.run('participant', 'p1', 'vote:cast', 'c1', 'k3', 'h3', JSON.stringify({ boardId: 'b1', itemId: 'c1', count: 1, remaining: 2 }), now + 3);
		ev.run('participant', 'p1', 'vote:cast', 'c1', 'k4', 'h4', JSON.stringify({ boardId: 'b1', itemId: 'c1', count: 2, remaining: 1 }), now + 4);
		ev.run('participant', 'p1', 'vote:cast', 'c1', 'k5', 'h5', JSON.stringify({ boardId: 'b1', itemId: 'c1', count: 1, remaining: 2 }), now + 5);
		ev.run('facilitator', 'u1', 'board:phase', 'b1', 'k6', 'h6', JSON.stringify({ boardId: 'b1', phase: 'vote' }), now + 6);
		ev.run('facilitator', 'u1', 'card:delete', 'c9', 'k7', null, JSON.stringify({ cardId: 'c9' }), now + 7);
		ev.run('facilitator', 'u1', 'timer:control', null, 'k8', 'h8', JSON.stringify({ timer: { status: 'idle' } }), now + 8);
		ev.run('facilitator', 'u1', 'card:update', 'c8', 'k9', 'h9', '{"erased":true}', now + 9);
		old.close();

		const { sqlite, db } = openDatabase(dataDir);
		try {
			expect(sqlite.prepare(`select name from sqlite_master where name = 'events'`).get()).toBeUndefined();
			const receipts = sqlite.prepare('select actor_id, idem_key, workshop_id, request_hash, result from command_receipts order by created_at').all() as { idem_key: string; result: string; request_hash: string | null }[];
			expect(receipts.map((r) => r.idem_key)).toEqual(['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9']);
			// The card results name the card only: no text, no nickname in any receipt.
			expect(JSON.parse(receipts[0].result)).toEqual({ cardRef: 'c1' });
			expect(JSON.parse(receipts[1].result)).toEqual({ cardRef: 'c1' });
			expect(receipts[6].request_hash).toBeNull();
			expect(JSON.parse(receipts[8].result)).toEqual({ erased: true });
			const all = JSON.stringify(sqlite.prepare('select * from command_receipts').all()) + JSON.stringify(sqlite.prepare('select * from participation_events').all());
			expect(all).not.toContain('Old card text');
			expect(all).not.toContain('Oldnick');
			expect(new ReceiptRepo(db).find('u1', 'k2')).toEqual({ result: { cardRef: 'c1' }, requestHash: 'h2' });

			const log = sqlite.prepare('select kind, version, activity_id, subject_id, owner_id, actor_role, actor_id, payload from participation_events order by seq').all();
			expect(log).toEqual([
				{ kind: 'workshop.participant.joined', version: 1, activity_id: null, subject_id: 'p1', owner_id: null, actor_role: 'participant', actor_id: 'p1', payload: '{}' },
				{ kind: 'board.card.posted', version: 1, activity_id: 'b1', subject_id: 'c1', owner_id: 'p1', actor_role: 'participant', actor_id: 'p1', payload: '{}' },
				{ kind: 'board.card.edited', version: 1, activity_id: 'b1', subject_id: 'c1', owner_id: 'p1', actor_role: 'facilitator', actor_id: 'u1', payload: '{}' },
				{ kind: 'board.vote.cast', version: 1, activity_id: 'b1', subject_id: 'c1', owner_id: null, actor_role: 'participant', actor_id: 'p1', payload: '{"dots":1}' },
				{ kind: 'board.vote.cast', version: 1, activity_id: 'b1', subject_id: 'c1', owner_id: null, actor_role: 'participant', actor_id: 'p1', payload: '{"dots":2}' },
				{ kind: 'board.vote.withdrawn', version: 1, activity_id: 'b1', subject_id: 'c1', owner_id: null, actor_role: 'participant', actor_id: 'p1', payload: '{"dots":1}' },
				{ kind: 'board.phase.changed', version: 1, activity_id: 'b1', subject_id: 'b1', owner_id: null, actor_role: 'facilitator', actor_id: 'u1', payload: '{"phase":"vote"}' }
			]);
		} finally {
			sqlite.close();
		}
	});

	it('prunes receipts older than their time to live and keeps the newer ones', () => {
		const { sqlite, db } = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-prune-')));
		try {
			const now = Date.now();
			sqlite.prepare(`insert into users values ('u1', 'Fac', 'fac', 'x', ?)`).run(now);
			sqlite.prepare(`insert into workshops values ('w1', 'W', 'en', 'ABCD23', 'open', 'u1', 'proj', 'inv', null, '{"status":"idle"}', ?, null)`).run(now);
			const receipts = new ReceiptRepo(db);
			receipts.insert({ actorId: 'u1', idemKey: 'old', workshopId: 'w1', requestHash: 'h', result: { ok: 1 }, createdAt: now - RECEIPT_TTL_MS - 1 });
			receipts.insert({ actorId: 'u1', idemKey: 'new', workshopId: 'w1', requestHash: 'h', result: { ok: 2 }, createdAt: now - RECEIPT_TTL_MS + 60_000 });
			expect(receipts.prune(now)).toBe(1);
			expect(receipts.find('u1', 'old')).toBeUndefined();
			expect(receipts.find('u1', 'new')).toEqual({ result: { ok: 2 }, requestHash: 'h' });
		} finally {
			sqlite.close();
		}
	});
});

describe('migration 0007: boards become activities', () => {
	it('carries a database written by the schema up to 0006 forward: every board an activity of type board, in creation order, with its things', () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-pre-activities-'));
		const old = new Database(path.join(dataDir, 'plenum.sqlite'));
		old.pragma('foreign_keys = ON');
		migrate(drizzle(old), { migrationsFolder: migrationsUpTo(7) });
		const t = 1_750_000_000_000;
		const run = (sql: string, ...args: unknown[]) => old.prepare(sql).run(...args);
		const columns = (ids: string[]) => JSON.stringify(ids.map((id) => ({ id, title: `Column ${id}`, wipLimit: id === 'k2' ? 4 : null })));
		const settings = (s: Record<string, unknown>) => JSON.stringify({ privateUntilReveal: false, anonymous: false, voteBudget: 5, ...s });
		run(`insert into users values ('u1', 'Fac', 'fac', 'x', ?)`, t);
		run(`insert into users values ('u2', 'Other', 'other', 'x', ?)`, t);
		// Workshop 1 follows its second board; workshop 2 has one board.
		run(`insert into workshops values ('w1', 'School yard', 'de', 'ABCD23', 'open', 'u1', 'proj1', 'inv1', 'b2', '{"status":"idle"}', ?, null)`, t);
		run(`insert into workshops values ('w2', 'Canteen', 'en', 'EFGH45', 'closed', 'u2', 'proj2', 'inv2', 'c1', '{"status":"idle"}', ?, ?)`, t, t + 99);
		const board = old.prepare(
			`insert into boards (id, workshop_id, title, phase, columns, lanes, settings, voting_closed, discuss_item_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		);
		// Created in the order b1, then b2 and b3 at the same millisecond (ties go by id), listed out of order here.
		board.run('b3', 'w1', 'Later', 'discuss', columns(['k5']), '[]', settings({ voteBudget: 2 }), 1, 'cl1', t + 2);
		board.run('b1', 'w1', 'Ideas', 'vote', columns(['k1', 'k2', 'k3']), JSON.stringify([{ id: 'l1', title: 'Year 7' }]), settings({ maxPerItem: 3 }), 0, null, t + 1);
		board.run('b2', 'w1', 'Retro', 'collect', columns(['k4']), '[]', settings({}), 0, null, t + 2);
		board.run('c1', 'w2', 'Lunch menu', 'group', columns(['k6', 'k7']), '[]', settings({ anonymous: true }), 0, null, t + 5);
		run(`insert into participants values ('p1', 'w1', 'Mila', 'tok1', ?)`, t);
		run(`insert into participants values ('p2', 'w1', 'Jonas', 'tok2', ?)`, t);
		run(`insert into participants values ('p3', 'w2', 'Ria', 'tok3', ?)`, t);
		const card = old.prepare(
			`insert into cards (id, board_id, author_id, author_role, text, column_id, lane_id, cluster_id, position, status, revealed, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'visible', 1, ?, ?)`
		);
		card.run('a1', 'b1', 'p1', 'participant', 'More benches', 'k1', 'l1', null, 1, t + 10, t + 10);
		card.run('a2', 'b1', 'p2', 'participant', 'A water fountain', 'k2', null, 'cl1', 2, t + 11, t + 11);
		card.run('a3', 'b1', 'u1', 'facilitator', 'Shade', 'k2', null, 'cl1', 3, t + 12, t + 12);
		card.run('a4', 'b3', 'p1', 'participant', 'Next time', 'k5', null, null, 1, t + 13, t + 13);
		card.run('a5', 'c1', 'p3', 'participant', 'Soup on Fridays', 'k7', null, null, 1, t + 14, t + 14);
		run(`insert into clusters values ('cl1', 'b1', 'Drinks and shade', 'k2', null, 1, ?)`, t + 20);
		const vote = old.prepare(`insert into votes values (?, ?, ?, ?)`);
		vote.run('b1', 'p1', 'cl1', 2);
		vote.run('b1', 'p2', 'a1', 1);
		vote.run('b1', 'p2', 'cl1', 1);
		vote.run('c1', 'p3', 'a5', 1);
		old.close();

		const { sqlite, db } = openDatabase(dataDir);
		try {
			// One activity per board, with the board's id, title and phase, numbered in creation order per workshop.
			expect(sqlite.prepare('select id, workshop_id, type, title, phase, position, created_at from activities order by workshop_id, position').all()).toEqual([
				{ id: 'b1', workshop_id: 'w1', type: 'board', title: 'Ideas', phase: 'vote', position: 0, created_at: t + 1 },
				{ id: 'b2', workshop_id: 'w1', type: 'board', title: 'Retro', phase: 'collect', position: 1, created_at: t + 2 },
				{ id: 'b3', workshop_id: 'w1', type: 'board', title: 'Later', phase: 'discuss', position: 2, created_at: t + 2 },
				{ id: 'c1', workshop_id: 'w2', type: 'board', title: 'Lunch menu', phase: 'group', position: 0, created_at: t + 5 }
			]);
			expect(sqlite.prepare('select id, active_activity_id, status, closed_at from workshops order by id').all()).toEqual([
				{ id: 'w1', active_activity_id: 'b2', status: 'open', closed_at: null },
				{ id: 'w2', active_activity_id: 'c1', status: 'closed', closed_at: t + 99 }
			]);
			// The title and phase live in the activity only now.
			const boardColumns = (sqlite.prepare(`select name from pragma_table_info('boards')`).all() as { name: string }[]).map((c) => c.name);
			expect(boardColumns).not.toContain('title');
			expect(boardColumns).not.toContain('phase');

			const repo = boardRepo({ db });
			expect(repo.boardsOf('w1').map((b) => [b.id, b.title, b.phase])).toEqual([
				['b1', 'Ideas', 'vote'],
				['b2', 'Retro', 'collect'],
				['b3', 'Later', 'discuss']
			]);
			expect(repo.boardsOf('w2').map((b) => b.id)).toEqual(['c1']);
			const b1 = repo.board('b1')!;
			expect(b1).toMatchObject({
				workshopId: 'w1',
				title: 'Ideas',
				phase: 'vote',
				columns: [
					{ id: 'k1', title: 'Column k1', wipLimit: null },
					{ id: 'k2', title: 'Column k2', wipLimit: 4 },
					{ id: 'k3', title: 'Column k3', wipLimit: null }
				],
				lanes: [{ id: 'l1', title: 'Year 7' }],
				settings: { privateUntilReveal: false, anonymous: false, voteBudget: 5, maxPerItem: 3 },
				votingClosed: false,
				discussItemId: null
			});
			expect(repo.board('b3')).toMatchObject({ phase: 'discuss', votingClosed: true, discussItemId: 'cl1', settings: { voteBudget: 2 } });
			expect(repo.board('c1')).toMatchObject({ workshopId: 'w2', title: 'Lunch menu', phase: 'group', settings: { anonymous: true } });
			expect(repo.cardsOf('b1').map((c) => [c.id, c.text, c.authorId, c.columnId, c.laneId, c.clusterId])).toEqual([
				['a1', 'More benches', 'p1', 'k1', 'l1', null],
				['a2', 'A water fountain', 'p2', 'k2', null, 'cl1'],
				['a3', 'Shade', 'u1', 'k2', null, 'cl1']
			]);
			expect(repo.cardsOf('b3').map((c) => c.text)).toEqual(['Next time']);
			expect(repo.countCards('b1')).toBe(3);
			expect(repo.clustersOf('b1')).toEqual([{ id: 'cl1', boardId: 'b1', title: 'Drinks and shade', columnId: 'k2', laneId: null, position: 1, createdAt: t + 20 }]);
			expect(repo.tally('b1')).toEqual({ cl1: 3, a1: 1 });
			expect(repo.myVotes('b1', 'p2')).toEqual({ a1: 1, cl1: 1 });
			expect(repo.tally('c1')).toEqual({ a5: 1 });
		} finally {
			sqlite.close();
		}

		// The server runs on the migrated data: a new activity goes after the others, and an old board exports.
		const deps = createDeps({ ...loadConfig({}), dataDir, logLevel: 'silent' }, SERVER_MODULES, createLogger('silent'));
		try {
			const w1 = deps.repos.workshops.get('w1')!;
			expect(w1.activeActivityId).toBe('b2');
			const added = deps.db.transaction(() => addActivity(commandContext(deps, w1, { role: 'facilitator', id: 'u1' }, Date.now()), 'board', 'After the migration'));
			expect(added.ok && added.value.position).toBe(3);
			expect(deps.repos.workshops.get('w1')!.activeActivityId).toBe('b2');
			const md = deps.services.exportActivity('w1', 'b1', 'md');
			expect(md?.body).toContain('A water fountain');
			expect(md?.body).toContain('Ideas');
		} finally {
			closeDeps(deps);
		}
	});
});
