import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client';
import { ReceiptRepo, RECEIPT_TTL_MS } from '../../server/db/receipts';
import { PROJECT_ROOT } from '../../server/paths';

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
