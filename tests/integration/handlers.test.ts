// Handler tests on a real database without a server: every command handler (the core's and the board module's) is
// called directly with a command context inside a transaction, as the gateway calls it, and checked for its result,
// its state change, its Dirty marks and its participation events, and for its main refusals (which change nothing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { closeDeps, createDeps, type Deps } from '../../server/deps';
import { SERVER_MODULES } from '../../server/features/index';
import { boardModule } from '../../server/features/board/index';
import { boardRepo } from '../../server/features/board/repo';
import { BUCKET } from '../../server/features/board/views';
import { handleCoreCommand, isCoreHandled, MAX_ACTIVITIES, type SpecialCommand } from '../../server/realtime/commands';
import { commandContext } from '../../server/realtime/context';
import { Dirty } from '../../server/realtime/dirty';
import type { ServerModule } from '../../server/realtime/modules';
import { createLogger } from '../../server/log';
import type { EventActor, ParticipationEvent } from '../../src/lib/domain/participation';
import type { Result } from '../../src/lib/domain/result';
import { boardSpec, type BoardMe, type BoardResults } from '../../src/lib/features/board/spec';
import { COMMAND_NAMES, COMMANDS, moduleOfCommand, type CommandName, type CommandPayload, type CommandResults } from '../../src/lib/features/index';
import { tempDataDir } from './harness';

let deps: Deps;
beforeAll(() => {
	deps = createDeps({ ...loadConfig({}), dataDir: tempDataDir(), logLevel: 'silent' }, SERVER_MODULES, createLogger('silent'));
});
afterAll(() => closeDeps(deps));

const boards = () => boardRepo(deps);
const activities = () => deps.repos.activities;

/** What one handler call did: its answer, what it marked dirty and the participation events it recorded. */
interface Outcome<C extends CommandName> {
	result: Result<CommandResults[C], string>;
	dirty: Dirty;
	events: ParticipationEvent[];
}

let seq = 0;
/**
 * Calls the handler of `name` as `actor` in one transaction, as the gateway does (without the receipt): the module's
 * handler for a module command, the core's otherwise. The events are appended to the log when the command applied.
 */
function run<C extends CommandName>(name: C, actor: EventActor, workshopId: string, payload: Omit<CommandPayload<C>, 'key'>, now = Date.now()): Outcome<C> {
	const dirty = new Dirty();
	const events: ParticipationEvent[] = [];
	const result = deps.db.transaction(() => {
		const ctx = commandContext(deps, deps.repos.workshops.get(workshopId)!, actor, now, dirty, events);
		const full = { key: `handler-test-${++seq}`, ...payload };
		const mod = deps.modules.ofCommand(name);
		const r = mod
			? (mod.handlers as Record<string, (c: typeof ctx, p: unknown) => Result<unknown, string>>)[name](ctx, full)
			: isCoreHandled(name)
				? handleCoreCommand(name, ctx, full)
				: null;
		if (!r) throw new Error(`${name} has no handler`);
		if (r.ok) deps.repos.participation.append(workshopId, actor, now, events);
		return r;
	});
	return { result: result as Result<CommandResults[C], string>, dirty, events };
}

/** The value of an applied command (fails the test with the refusal otherwise). */
function applied<C extends CommandName>(o: Outcome<C>): CommandResults[C] {
	if (!o.result.ok) throw new Error(`refused: ${o.result.reason}`);
	return o.result.value;
}

/** Every row of every table, to prove that a refusal changed nothing. */
function dump(): string {
	const tables = deps.sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as { name: string }[];
	return JSON.stringify(tables.map(({ name }) => [name, deps.sqlite.prepare(`select * from "${name}" order by rowid`).all()]));
}

/** The command is refused with `code`, records no event, marks nothing and leaves every table as it was. */
function expectRefused<C extends CommandName>(name: C, actor: EventActor, workshopId: string, payload: Omit<CommandPayload<C>, 'key'>, code: string) {
	const before = dump();
	const o = run(name, actor, workshopId, payload);
	expect(o.result, `${name} ${JSON.stringify(payload)}`).toEqual({ ok: false, reason: code });
	expect(o.events, `${name} refused: no events`).toEqual([]);
	expect(o.dirty.empty, `${name} refused: nothing dirty`).toBe(true);
	expect(dump(), `${name} refused (${code}): nothing changed`).toBe(before);
}

let worldSeq = 0;
/**
 * A small world: a facilitator's workshop with its first board (active, cards live) and two participants, and a
 * second workshop of another facilitator (whose ids are "foreign" here).
 */
async function world() {
	const n = ++worldSeq;
	const user = await deps.services.signUp(`10.9.${n}.1`, `handlers${n}`, 'correct horse battery');
	const stranger = await deps.services.signUp(`10.9.${n}.2`, `stranger${n}`, 'correct horse battery');
	if (!user.ok || !stranger.ok) throw new Error('sign-up failed');
	const w = deps.services.createWorkshop(user.value.id, `Handlers ${n}`, 'en');
	const other = deps.services.createWorkshop(stranger.value.id, `Foreign ${n}`, 'en');
	if (!w.ok || !other.ok) throw new Error('workshop failed');
	const boardId = w.value.activeActivityId!;
	const b = boards().board(boardId)!;
	boards().saveBoard({ ...b, settings: { ...b.settings, privateUntilReveal: false } });
	const join = (nick: string): EventActor => {
		const p = deps.services.join(deps.repos.workshops.get(w.value.id)!, nick);
		if (!p.ok) throw new Error(p.reason);
		return { role: 'participant', id: p.value.id };
	};
	const fac: EventActor = { role: 'facilitator', id: user.value.id };
	const wid = w.value.id;
	return {
		wid,
		boardId,
		columns: b.columns.map((c) => c.id),
		fac,
		alex: join('Alex'),
		bo: join('Bo'),
		foreign: { wid: other.value.id, boardId: other.value.activeActivityId!, fac: { role: 'facilitator', id: stranger.value.id } as EventActor },
		/** A card on the board by this actor. */
		card(actor: EventActor, text = 'An idea', boardOf = boardId) {
			return applied(run('card:create', actor, wid, { boardId: boardOf, text })).card.id;
		},
		phase(phase: string, activityId = boardId) {
			applied(run('activity:phase', fac, wid, { activityId, phase }));
		},
		/** A second board (not active). */
		addBoard(title = 'Second') {
			return applied(run('activity:add', fac, wid, { type: 'board', title })).activityId;
		},
		workshop: () => deps.repos.workshops.get(wid)!,
		board: (id = boardId) => boards().board(id)!
	};
}

describe('the registry is complete', () => {
	/** The core commands the gateway answers itself instead of through a handler. */
	const GATEWAY: SpecialCommand[] = ['session:hello', 'me:data', 'me:forget', 'workshop:delete', 'people:list', 'participant:remove'];

	it('every command of the protocol has a handler (the core, the gateway or its module) and at least one role', () => {
		for (const name of COMMAND_NAMES) {
			const type = moduleOfCommand(name);
			if (type) {
				const mod = deps.modules.get(type);
				expect(mod, `${name}: module ${type} registered on the server`).not.toBeNull();
				expect(typeof (mod!.handlers as Record<string, unknown>)[name], `${name}: handler in module ${type}`).toBe('function');
				expect(deps.modules.ofCommand(name)).toBe(mod);
			} else {
				expect(isCoreHandled(name) || (GATEWAY as string[]).includes(name), `${name}: core handler`).toBe(true);
			}
			expect(COMMANDS[name].roles.length, `${name}: roles`).toBeGreaterThan(0);
		}
		// And nothing is handled that the protocol does not declare.
		for (const mod of deps.modules.all()) for (const name of Object.keys(mod.handlers)) expect(COMMAND_NAMES as string[]).toContain(name);
	});

	it('a module without a handler for one of its commands does not compile', () => {
		const { 'card:create': _left, ...incomplete } = boardModule.handlers;
		const broken: ServerModule<typeof boardSpec, BoardResults> = {
			...boardModule,
			// @ts-expect-error `card:create` has no handler
			handlers: incomplete
		};
		expect(Object.keys(broken.handlers)).not.toContain('card:create');
	});
});

describe('core handlers', () => {
	it('activity:add appends a board after the others with its own rows, and leaves the active one', async () => {
		const x = await world();
		const o = run('activity:add', x.fac, x.wid, { type: 'board', title: '  Retro  ' });
		const id = applied(o).activityId;
		expect(activities().get(id)).toMatchObject({ workshopId: x.wid, type: 'board', title: 'Retro', phase: 'collect', position: 1 });
		expect(x.board(id).columns).toHaveLength(3);
		expect(x.workshop().activeActivityId).toBe(x.boardId);
		expect([...o.dirty.activities]).toEqual([id]);
		expect([...o.dirty.full]).toEqual([id]);
		expect([...o.dirty.get(BUCKET.boards)]).toEqual([id]);
		expect(o.dirty.meta).toBe(false);
		expect(o.events).toEqual([{ kind: 'workshop.activity.added', activityId: id, subjectId: id, payload: { type: 'board' } }]);
		// Without a title, the module's default in the workshop's language.
		expect(activities().get(applied(run('activity:add', x.fac, x.wid, { type: 'board' })).activityId)!.title.length).toBeGreaterThan(0);

		expectRefused('activity:add', x.fac, x.wid, { type: 'kanban' }, 'unknown_activity_type');
		expectRefused('activity:add', x.fac, x.wid, { type: 'board', title: '   ' }, 'title_empty');
		for (let i = activities().of(x.wid).length; i < MAX_ACTIVITIES; i++) applied(run('activity:add', x.fac, x.wid, { type: 'board', title: `B${i}` }));
		expectRefused('activity:add', x.fac, x.wid, { type: 'board', title: 'One too many' }, 'too_many_activities');
	});

	it('activity:rename renames the activity (the board shows its title)', async () => {
		const x = await world();
		const o = run('activity:rename', x.fac, x.wid, { activityId: x.boardId, title: 'Ideas for the yard' });
		expect(applied(o)).toEqual({ activityId: x.boardId });
		expect(activities().get(x.boardId)!.title).toBe('Ideas for the yard');
		expect(x.board().title).toBe('Ideas for the yard');
		expect([...o.dirty.activities]).toEqual([x.boardId]);
		expect(o.dirty.full.has(x.boardId)).toBe(true);
		expect(o.events).toEqual([{ kind: 'workshop.activity.renamed', activityId: x.boardId, subjectId: x.boardId }]);

		expectRefused('activity:rename', x.fac, x.wid, { activityId: x.foreign.boardId, title: 'Mine now' }, 'not_found');
		expectRefused('activity:rename', x.fac, x.wid, { activityId: x.boardId, title: '' }, 'title_empty');
	});

	it('activity:move puts the activity at the index, clamped to the end, and renumbers the list', async () => {
		const x = await world();
		const b2 = x.addBoard('Two');
		const b3 = x.addBoard('Three');
		const order = () => activities().of(x.wid).map((a) => a.id);
		const o = run('activity:move', x.fac, x.wid, { activityId: b3, toIndex: 0 });
		expect(applied(o)).toEqual({ activityId: b3 });
		expect(order()).toEqual([b3, x.boardId, b2]);
		expect(activities().of(x.wid).map((a) => a.position)).toEqual([0, 1, 2]);
		expect(new Set(o.dirty.activities)).toEqual(new Set([b3, x.boardId, b2]));
		expect(o.events).toEqual([{ kind: 'workshop.activity.moved', activityId: b3, subjectId: b3, payload: { toIndex: 0 } }]);
		const far = run('activity:move', x.fac, x.wid, { activityId: b3, toIndex: 999 });
		expect(order()).toEqual([x.boardId, b2, b3]);
		expect(far.events[0].payload).toEqual({ toIndex: 2 });

		expectRefused('activity:move', x.fac, x.wid, { activityId: x.foreign.boardId, toIndex: 0 }, 'not_found');
	});

	it('activity:remove removes the activity with its board, cards and dots; the room follows the next one', async () => {
		const x = await world();
		expectRefused('activity:remove', x.fac, x.wid, { activityId: x.boardId }, 'last_activity');
		const b2 = x.addBoard('Two');
		const cardId = x.card(x.alex);
		x.phase('vote');
		applied(run('vote:cast', x.bo, x.wid, { boardId: x.boardId, itemId: cardId, delta: 1 }));
		const o = run('activity:remove', x.fac, x.wid, { activityId: x.boardId });
		expect(applied(o)).toEqual({ activityId: x.boardId });
		expect(activities().get(x.boardId)).toBeNull();
		expect(boards().board(x.boardId)).toBeNull();
		expect(boards().card(cardId)).toBeNull();
		expect(boards().myVotes(x.boardId, x.bo.id)).toEqual({});
		expect(x.workshop().activeActivityId).toBe(b2);
		expect(o.dirty.meta).toBe(true);
		expect(o.dirty.activities.has(x.boardId) && o.dirty.full.has(x.boardId) && o.dirty.tallies.has(x.boardId)).toBe(true);
		// The author's and the voter's own state changed.
		expect(new Set(o.dirty.me.keys())).toEqual(new Set([x.alex.id, x.bo.id]));
		expect(o.events).toEqual([{ kind: 'workshop.activity.removed', activityId: x.boardId, subjectId: x.boardId, payload: { type: 'board' } }]);

		expectRefused('activity:remove', x.fac, x.wid, { activityId: x.foreign.boardId }, 'not_found');
		expectRefused('activity:remove', x.fac, x.wid, { activityId: b2 }, 'last_activity');
	});

	it('activity:activate makes the room follow the activity', async () => {
		const x = await world();
		const b2 = x.addBoard();
		const o = run('activity:activate', x.fac, x.wid, { activityId: b2 });
		expect(applied(o)).toEqual({ activityId: b2 });
		expect(x.workshop().activeActivityId).toBe(b2);
		expect(o.dirty.meta).toBe(true);
		expect(o.events).toEqual([{ kind: 'workshop.activity.activated', activityId: b2, subjectId: b2 }]);

		expectRefused('activity:activate', x.fac, x.wid, { activityId: x.foreign.boardId }, 'not_found');
		expectRefused('activity:activate', x.fac, x.wid, { activityId: 'nothing-here' }, 'not_found');
	});

	it('activity:phase moves the board on: leaving Collect reveals, Vote opens voting, Discuss closes it with its outcome', async () => {
		const x = await world();
		const b = x.board();
		boards().saveBoard({ ...b, settings: { ...b.settings, privateUntilReveal: true } });
		const cardId = x.card(x.alex, 'Private until reveal');
		expect(boards().card(cardId)!.revealed).toBe(false);

		const reveal = run('activity:phase', x.fac, x.wid, { activityId: x.boardId, phase: 'reveal' });
		expect(applied(reveal)).toEqual({ activityId: x.boardId, phase: 'reveal' });
		expect(activities().get(x.boardId)!.phase).toBe('reveal');
		expect(boards().card(cardId)!.revealed).toBe(true);
		expect(reveal.dirty.activities.has(x.boardId) && reveal.dirty.full.has(x.boardId) && reveal.dirty.tallies.has(x.boardId)).toBe(true);
		expect(reveal.dirty.get(BUCKET.boards).has(x.boardId)).toBe(true);
		expect(reveal.events).toEqual([{ kind: 'workshop.activity.phase_changed', activityId: x.boardId, subjectId: x.boardId, payload: { type: 'board', phase: 'reveal', from: 'collect' } }]);

		applied(run('board:voting', x.fac, x.wid, { boardId: x.boardId, closed: true }));
		x.phase('vote');
		expect(x.board().votingClosed).toBe(false);
		applied(run('vote:cast', x.bo, x.wid, { boardId: x.boardId, itemId: cardId, delta: 1 }));
		const discuss = run('activity:phase', x.fac, x.wid, { activityId: x.boardId, phase: 'discuss' });
		expect(x.board().votingClosed).toBe(true);
		expect(discuss.events.map((e) => [e.kind, e.subjectId, e.ownerId ?? null])).toEqual([
			['workshop.activity.phase_changed', x.boardId, null],
			['board.vote.closed', x.boardId, null],
			['board.vote.closed_outcome', cardId, x.alex.id]
		]);

		expectRefused('activity:phase', x.fac, x.wid, { activityId: x.boardId, phase: 'brainstorm' }, 'invalid_payload');
		expectRefused('activity:phase', x.fac, x.wid, { activityId: x.foreign.boardId, phase: 'vote' }, 'not_found');
	});

	it("activity:phase clears a countdown that has run out and keeps a running one", async () => {
		const x = await world();
		const t0 = Date.now();
		applied(run('timer:control', x.fac, x.wid, { action: 'start', seconds: 1 }, t0));
		const late = run('activity:phase', x.fac, x.wid, { activityId: x.boardId, phase: 'reveal' }, t0 + 5000);
		expect(JSON.parse(x.workshop().timer)).toEqual({ status: 'idle' });
		expect(late.dirty.meta).toBe(true);
		applied(run('timer:control', x.fac, x.wid, { action: 'start', seconds: 600 }, t0));
		run('activity:phase', x.fac, x.wid, { activityId: x.boardId, phase: 'group' }, t0 + 5000);
		expect(JSON.parse(x.workshop().timer).status).toBe('running');
	});

	it('timer:control, workshop:close and projector:rotate', async () => {
		const x = await world();
		const start = run('timer:control', x.fac, x.wid, { action: 'start', seconds: 90 }, 1_000_000);
		expect(applied(start).timer).toMatchObject({ status: 'running' });
		expect(JSON.parse(x.workshop().timer)).toEqual(applied(start).timer);
		expect(start.dirty.meta).toBe(true);
		expect(start.events).toEqual([{ kind: 'workshop.timer.changed', activityId: null, subjectId: x.wid, payload: { action: 'start' } }]);
		expect(applied(run('timer:control', x.fac, x.wid, { action: 'pause' }, 1_010_000)).timer.status).toBe('paused');
		expect(applied(run('timer:control', x.fac, x.wid, { action: 'reset' })).timer).toEqual({ status: 'idle' });

		const oldToken = x.workshop().projectorToken;
		const rotate = run('projector:rotate', x.fac, x.wid, {});
		expect(applied(rotate).projectorToken).not.toBe(oldToken);
		expect(x.workshop().projectorToken).toBe(applied(rotate).projectorToken);
		expect(rotate.events).toEqual([{ kind: 'workshop.projector_link.rotated', activityId: null, subjectId: x.wid }]);

		const close = run('workshop:close', x.fac, x.wid, {}, 2_000_000);
		expect(applied(close)).toEqual({ workshopId: x.wid });
		expect(x.workshop()).toMatchObject({ status: 'closed', closedAt: 2_000_000 });
		expect(close.dirty.meta).toBe(true);
		expect(close.events).toEqual([{ kind: 'workshop.closed', activityId: null, subjectId: x.wid }]);
	});

	it("participant:rename gives a person the new name, pushes their own state and projects every activity again", async () => {
		const x = await world();
		const second = x.addBoard();
		const o = run('participant:rename', x.fac, x.wid, { participantId: x.alex.id, nickname: '  Sam  ' });
		expect(applied(o)).toEqual({ participantId: x.alex.id, nickname: 'Sam' });
		expect(deps.repos.workshops.participant(x.alex.id)?.nickname).toBe('Sam');
		expect([...o.dirty.me.keys()]).toEqual([x.alex.id]);
		expect([...o.dirty.full].sort()).toEqual([x.boardId, second].sort());
		expect(o.events).toEqual([{ kind: 'workshop.participant.renamed', activityId: null, subjectId: null, ownerId: x.alex.id }]);

		expectRefused('participant:rename', x.fac, x.wid, { participantId: x.alex.id, nickname: 'bo' }, 'nickname_taken');
		expectRefused('participant:rename', x.fac, x.wid, { participantId: x.alex.id, nickname: ' ' }, 'nickname_empty');
		expectRefused('participant:rename', x.fac, x.wid, { participantId: x.alex.id, nickname: 'y'.repeat(25) }, 'nickname_too_long');
		expectRefused('participant:rename', x.fac, x.wid, { participantId: 'nobody', nickname: 'Z' }, 'not_found');
		const stranger = deps.services.join(deps.repos.workshops.get(x.foreign.wid)!, 'Stranger');
		if (!stranger.ok) throw new Error(stranger.reason);
		expectRefused('participant:rename', x.fac, x.wid, { participantId: stranger.value.id, nickname: 'Mine' }, 'not_found');
	});
});

describe('board handlers', () => {
	it('card:create stores the card in the first column and answers its own view', async () => {
		const x = await world();
		const o = run('card:create', x.alex, x.wid, { boardId: x.boardId, text: '  More water fountains ' });
		const card = applied(o).card;
		expect(card).toMatchObject({ boardId: x.boardId, text: 'More water fountains', columnId: x.columns[0], status: 'visible', authorName: 'Alex' });
		expect(boards().card(card.id)).toMatchObject({ authorId: x.alex.id, authorRole: 'participant', text: 'More water fountains' });
		expect([...o.dirty.get(BUCKET.cards)]).toEqual([card.id]);
		expect([...o.dirty.get(BUCKET.boards)]).toEqual([x.boardId]);
		expect([...o.dirty.me.keys()]).toEqual([x.alex.id]);
		expect(o.events).toEqual([{ kind: 'board.card.posted', activityId: x.boardId, subjectId: card.id, ownerId: x.alex.id, payload: { length: 20, status: 'visible' } }]);
		// A facilitator's card has no owner in the log.
		const staff = run('card:create', x.fac, x.wid, { boardId: x.boardId, text: 'From the front', columnId: x.columns[2] });
		expect(applied(staff).card.columnId).toBe(x.columns[2]);
		expect(staff.events[0].ownerId).toBeNull();
		expect(staff.dirty.me.size).toBe(0);

		expectRefused('card:create', x.alex, x.wid, { boardId: x.boardId, text: '   ' }, 'card_empty');
		expectRefused('card:create', x.alex, x.wid, { boardId: x.boardId, text: 'x', columnId: 'nocolumn' }, 'unknown_column');
		expectRefused('card:create', x.alex, x.wid, { boardId: x.foreign.boardId, text: 'x' }, 'not_found');
		expectRefused('card:create', x.fac, x.wid, { boardId: x.foreign.boardId, text: 'x' }, 'not_found');
		// Phones write only in the activity the room follows; the staff prepare the others.
		const b2 = x.addBoard();
		expectRefused('card:create', x.alex, x.wid, { boardId: b2, text: 'Somewhere else' }, 'not_active');
		expect(applied(run('card:create', x.fac, x.wid, { boardId: b2, text: 'Prepared' })).card.boardId).toBe(b2);
		// After Collect, phones write no more cards; the staff still may.
		x.phase('reveal');
		expectRefused('card:create', x.alex, x.wid, { boardId: x.boardId, text: 'Late' }, 'phase_closed');
		expect(run('card:create', x.fac, x.wid, { boardId: x.boardId, text: 'Late but staff' }).result.ok).toBe(true);
	});

	it('card:update changes the text; the author during Collect, the staff always', async () => {
		const x = await world();
		const cardId = x.card(x.alex, 'Draft');
		const o = run('card:update', x.alex, x.wid, { cardId, text: 'Final' });
		expect(applied(o).card).toMatchObject({ id: cardId, text: 'Final' });
		expect(boards().card(cardId)!.text).toBe('Final');
		expect([...o.dirty.get(BUCKET.cards)]).toEqual([cardId]);
		expect([...o.dirty.me.keys()]).toEqual([x.alex.id]);
		expect(o.events).toEqual([{ kind: 'board.card.edited', activityId: x.boardId, subjectId: cardId, ownerId: x.alex.id, payload: { length: 5 } }]);

		expectRefused('card:update', x.bo, x.wid, { cardId, text: 'Not mine' }, 'not_author');
		expectRefused('card:update', x.alex, x.wid, { cardId: 'nocard', text: 'x' }, 'not_found');
		expectRefused('card:update', x.alex, x.wid, { cardId, text: '' }, 'card_empty');
		expectRefused('card:update', x.fac, x.wid, { cardId: boardsCardOf(x.foreign), text: 'x' }, 'not_found');
		x.phase('group');
		expectRefused('card:update', x.alex, x.wid, { cardId, text: 'Too late' }, 'phase_closed');
		const staff = run('card:update', x.fac, x.wid, { cardId, text: 'Tidied by staff' });
		expect(staff.events[0]).toMatchObject({ kind: 'board.card.edited', ownerId: x.alex.id });
		// The author's own state changed although they did not act.
		expect([...staff.dirty.me.keys()]).toEqual([x.alex.id]);
	});

	it('card:delete removes the card with its dots; a facilitator removing a participant card is logged as such', async () => {
		const x = await world();
		const own = x.card(x.alex, 'Mine');
		const o = run('card:delete', x.alex, x.wid, { cardId: own });
		expect(applied(o)).toEqual({ cardId: own });
		expect(boards().card(own)).toBeNull();
		expect(o.events).toEqual([{ kind: 'board.card.deleted', activityId: x.boardId, subjectId: own, ownerId: x.alex.id }]);
		expect([...o.dirty.get(BUCKET.cards)]).toEqual([own]);

		const voted = x.card(x.alex, 'Popular');
		expectRefused('card:delete', x.bo, x.wid, { cardId: voted }, 'not_author');
		x.phase('vote');
		applied(run('vote:cast', x.bo, x.wid, { boardId: x.boardId, itemId: voted, delta: 1 }));
		expectRefused('card:delete', x.alex, x.wid, { cardId: voted }, 'phase_closed');
		const removed = run('card:delete', x.fac, x.wid, { cardId: voted });
		expect(removed.events).toEqual([{ kind: 'board.card.removed_by_facilitator', activityId: x.boardId, subjectId: voted, ownerId: x.alex.id }]);
		expect(boards().myVotes(x.boardId, x.bo.id)).toEqual({});
		expect(removed.dirty.tallies.has(x.boardId)).toBe(true);
		expect(new Set(removed.dirty.me.keys())).toEqual(new Set([x.alex.id, x.bo.id]));
	});

	it('card:move moves a card to a column or into a group (whose column it takes), clearing its dots', async () => {
		const x = await world();
		const cardId = x.card(x.alex);
		const o = run('card:move', x.fac, x.wid, { cardId, columnId: x.columns[1] });
		expect(applied(o)).toEqual({ cardId });
		expect(boards().card(cardId)!.columnId).toBe(x.columns[1]);
		expect([...o.dirty.get(BUCKET.cards)]).toEqual([cardId]);
		expect(o.events).toEqual([{ kind: 'board.card.moved', activityId: x.boardId, subjectId: cardId, ownerId: x.alex.id, payload: { columnId: x.columns[1], laneId: null, clusterId: null } }]);

		const clusterId = applied(run('cluster:create', x.fac, x.wid, { boardId: x.boardId, title: 'Group', columnId: x.columns[2] })).clusterId;
		x.phase('vote');
		applied(run('vote:cast', x.bo, x.wid, { boardId: x.boardId, itemId: cardId, delta: 1 }));
		const into = run('card:move', x.fac, x.wid, { cardId, columnId: x.columns[0], clusterId });
		expect(boards().card(cardId)).toMatchObject({ clusterId, columnId: x.columns[2] });
		expect(boards().myVotes(x.boardId, x.bo.id)).toEqual({});
		expect(into.dirty.tallies.has(x.boardId)).toBe(true);

		expectRefused('card:move', x.fac, x.wid, { cardId, columnId: 'nocolumn' }, 'unknown_column');
		expectRefused('card:move', x.fac, x.wid, { cardId, columnId: x.columns[0], laneId: 'nolane' }, 'unknown_lane');
		const foreignCluster = applied(run('cluster:create', x.foreign.fac, x.foreign.wid, { boardId: x.foreign.boardId, title: 'Theirs' })).clusterId;
		expectRefused('card:move', x.fac, x.wid, { cardId, columnId: x.columns[0], clusterId: foreignCluster }, 'not_found');
		expectRefused('card:move', x.fac, x.wid, { cardId: boardsCardOf(x.foreign), columnId: x.columns[0] }, 'not_found');
	});

	it('card:moderate hides, shows and approves a card', async () => {
		const x = await world();
		const cardId = x.card(x.alex);
		const hide = run('card:moderate', x.fac, x.wid, { cardId, action: 'hide' });
		expect(applied(hide)).toEqual({ cardId });
		expect(boards().card(cardId)!.status).toBe('hidden');
		expect([...hide.dirty.me.keys()]).toEqual([x.alex.id]);
		expect(hide.events).toEqual([{ kind: 'board.card.hidden_by_facilitator', activityId: x.boardId, subjectId: cardId, ownerId: x.alex.id }]);
		expect(run('card:moderate', x.fac, x.wid, { cardId, action: 'show' }).events[0].kind).toBe('board.card.shown_by_facilitator');
		expect(boards().card(cardId)!.status).toBe('visible');
		expect(run('card:moderate', x.fac, x.wid, { cardId, action: 'approve' }).events[0].kind).toBe('board.card.approved_by_facilitator');
		expectRefused('card:moderate', x.fac, x.wid, { cardId: boardsCardOf(x.foreign), action: 'hide' }, 'not_found');
	});

	it('card:bulk hides, shows, moves and deletes many cards in one step, one event per card, all or nothing', async () => {
		const x = await world();
		const spam = [x.card(x.bo, 'buy now'), x.card(x.bo, 'buy now!'), x.card(x.bo, 'BUY NOW')];
		const keep = x.card(x.alex, 'Shade in the yard');
		const hide = run('card:bulk', x.fac, x.wid, { boardId: x.boardId, cardIds: [...spam, spam[0]], op: { type: 'hide' } });
		expect(applied(hide)).toEqual({ boardId: x.boardId, cardIds: spam });
		for (const id of spam) expect(boards().card(id)!.status).toBe('hidden');
		expect(boards().card(keep)!.status).toBe('visible');
		expect(hide.events).toEqual(spam.map((subjectId) => ({ kind: 'board.card.hidden_by_facilitator', activityId: x.boardId, subjectId, ownerId: x.bo.id })));
		expect(new Set(hide.dirty.get(BUCKET.cards))).toEqual(new Set(spam));
		expect([...hide.dirty.me.keys()]).toEqual([x.bo.id]);
		expect(run('card:bulk', x.fac, x.wid, { boardId: x.boardId, cardIds: spam, op: { type: 'show' } }).events.map((e) => e.kind)).toEqual(spam.map(() => 'board.card.shown_by_facilitator'));

		// Moving into a group takes the group's column; moving to a column takes cards out of their group.
		const clusterId = applied(run('cluster:create', x.fac, x.wid, { boardId: x.boardId, title: 'Shop', columnId: x.columns[2] })).clusterId;
		const into = run('card:bulk', x.fac, x.wid, { boardId: x.boardId, cardIds: spam, op: { type: 'move', columnId: x.columns[0], clusterId } });
		for (const id of spam) expect(boards().card(id)).toMatchObject({ clusterId, columnId: x.columns[2] });
		expect(into.events.map((e) => [e.kind, e.subjectId, e.payload])).toEqual(spam.map((id) => ['board.card.moved', id, { columnId: x.columns[2], laneId: null, clusterId }]));
		// In the order given, after what the column already holds.
		applied(run('card:bulk', x.fac, x.wid, { boardId: x.boardId, cardIds: [spam[2], spam[0]], op: { type: 'move', columnId: x.columns[1], clusterId: null } }));
		const col1 = boards().cardsOf(x.boardId).filter((c) => c.columnId === x.columns[1]).sort((a, b) => a.position - b.position);
		expect(col1.map((c) => c.id)).toEqual([spam[2], spam[0]]);
		expect(boards().card(spam[1])!.clusterId).toBe(clusterId);

		// One card the step may not touch refuses the whole step, and nothing changes.
		const foreign = boardsCardOf(x.foreign);
		expectRefused('card:bulk', x.fac, x.wid, { boardId: x.boardId, cardIds: [spam[0], foreign], op: { type: 'delete' } }, 'not_found');
		expectRefused('card:bulk', x.fac, x.wid, { boardId: x.boardId, cardIds: [spam[0], 'nocard'], op: { type: 'hide' } }, 'not_found');
		expectRefused('card:bulk', x.fac, x.wid, { boardId: x.boardId, cardIds: spam, op: { type: 'move', columnId: 'nocolumn' } }, 'unknown_column');
		expectRefused('card:bulk', x.fac, x.wid, { boardId: x.boardId, cardIds: spam, op: { type: 'move', columnId: x.columns[0], laneId: 'nolane' } }, 'unknown_lane');
		expectRefused('card:bulk', x.fac, x.wid, { boardId: x.foreign.boardId, cardIds: [foreign], op: { type: 'hide' } }, 'not_found');

		// Deleting: the facilitator removes someone else's cards (logged as such), their own as deleted.
		const mine = x.card(x.fac, 'From the front');
		x.phase('vote');
		applied(run('vote:cast', x.alex, x.wid, { boardId: x.boardId, itemId: spam[0], delta: 1 }));
		applied(run('board:discuss', x.fac, x.wid, { boardId: x.boardId, itemId: spam[0] }));
		const del = run('card:bulk', x.fac, x.wid, { boardId: x.boardId, cardIds: [...spam, mine], op: { type: 'delete' } });
		expect(applied(del).cardIds).toEqual([...spam, mine]);
		for (const id of [...spam, mine]) expect(boards().card(id)).toBeNull();
		expect(boards().card(keep)).not.toBeNull();
		expect(del.events.map((e) => [e.kind, e.subjectId, e.ownerId])).toEqual([
			...spam.map((id) => ['board.card.removed_by_facilitator', id, x.bo.id]),
			['board.card.deleted', mine, null]
		]);
		expect(boards().myVotes(x.boardId, x.alex.id)).toEqual({});
		expect(del.dirty.tallies.has(x.boardId)).toBe(true);
		expect(x.board().discussItemId).toBeNull();
	});

	it('cluster:create, cluster:update and cluster:delete group cards and let them go again', async () => {
		const x = await world();
		const a = x.card(x.alex, 'Bus');
		const b = x.card(x.bo, 'Tram');
		const foreignCard = boardsCardOf(x.foreign);
		const create = run('cluster:create', x.fac, x.wid, { boardId: x.boardId, title: 'Transport', columnId: x.columns[1], cardIds: [a, b, foreignCard] });
		expectRefused('cluster:create', x.fac, x.wid, { boardId: x.boardId, title: 'Lost', laneId: 'nolane' }, 'unknown_lane');
		const clusterId = applied(create).clusterId;
		expect(boards().cluster(clusterId)).toMatchObject({ boardId: x.boardId, title: 'Transport', columnId: x.columns[1] });
		expect([a, b].map((id) => boards().card(id)!.clusterId)).toEqual([clusterId, clusterId]);
		expect(boards().card(foreignCard)!.clusterId).toBeNull();
		expect([...create.dirty.get(BUCKET.clusters)]).toEqual([clusterId]);
		expect(new Set(create.dirty.get(BUCKET.cards))).toEqual(new Set([a, b]));
		expect(create.events).toEqual([{ kind: 'board.cluster.created', activityId: x.boardId, subjectId: clusterId, payload: { cards: 2 } }]);
		expectRefused('cluster:create', x.fac, x.wid, { boardId: x.boardId, title: '' }, 'title_empty');
		expectRefused('cluster:create', x.fac, x.wid, { boardId: x.boardId, title: 'G', columnId: 'nocolumn' }, 'unknown_column');
		expectRefused('cluster:create', x.fac, x.wid, { boardId: x.foreign.boardId, title: 'G' }, 'not_found');

		const update = run('cluster:update', x.fac, x.wid, { clusterId, title: 'Getting there', columnId: x.columns[2] });
		expect(applied(update)).toEqual({ clusterId });
		expect(boards().cluster(clusterId)).toMatchObject({ title: 'Getting there', columnId: x.columns[2] });
		// Its cards move with it.
		expect([a, b].map((id) => boards().card(id)!.columnId)).toEqual([x.columns[2], x.columns[2]]);
		expect(update.events).toEqual([{ kind: 'board.cluster.edited', activityId: x.boardId, subjectId: clusterId }]);
		expectRefused('cluster:update', x.fac, x.wid, { clusterId, laneId: 'nolane' }, 'unknown_lane');
		expectRefused('cluster:update', x.fac, x.wid, { clusterId: 'nocluster', title: 'x' }, 'not_found');

		x.phase('vote');
		applied(run('vote:cast', x.alex, x.wid, { boardId: x.boardId, itemId: clusterId, delta: 1 }));
		const del = run('cluster:delete', x.fac, x.wid, { clusterId });
		expect(applied(del)).toEqual({ clusterId });
		expect(boards().cluster(clusterId)).toBeNull();
		expect([a, b].map((id) => boards().card(id)!.clusterId)).toEqual([null, null]);
		expect(boards().myVotes(x.boardId, x.alex.id)).toEqual({});
		expect(del.dirty.tallies.has(x.boardId)).toBe(true);
		expect(del.dirty.me.has(x.alex.id)).toBe(true);
		expect(del.events).toEqual([{ kind: 'board.cluster.removed', activityId: x.boardId, subjectId: clusterId, payload: { cards: 2 } }]);
		expectRefused('cluster:delete', x.fac, x.wid, { clusterId }, 'not_found');
	});

	it('vote:cast places and takes back dots within the budget, only in Vote and only on the active board', async () => {
		const x = await world();
		const cardId = x.card(x.alex);
		expectRefused('vote:cast', x.bo, x.wid, { boardId: x.boardId, itemId: cardId, delta: 1 }, 'not_voting_phase');
		x.phase('vote');
		const o = run('vote:cast', x.bo, x.wid, { boardId: x.boardId, itemId: cardId, delta: 1 });
		expect(applied(o)).toEqual({ boardId: x.boardId, itemId: cardId, count: 1, remaining: 2 });
		expect(boards().tally(x.boardId)).toEqual({ [cardId]: 1 });
		expect([...o.dirty.tallies]).toEqual([x.boardId]);
		expect([...o.dirty.me.keys()]).toEqual([x.bo.id]);
		expect(o.events).toEqual([{ kind: 'board.vote.cast', activityId: x.boardId, subjectId: cardId, payload: { dots: 1 } }]);
		applied(run('vote:cast', x.bo, x.wid, { boardId: x.boardId, itemId: cardId, delta: 1 }));
		expectRefused('vote:cast', x.bo, x.wid, { boardId: x.boardId, itemId: cardId, delta: 1 }, 'item_max');
		const back = run('vote:cast', x.bo, x.wid, { boardId: x.boardId, itemId: cardId, delta: -1 });
		expect(applied(back)).toMatchObject({ count: 1, remaining: 2 });
		expect(back.events[0]).toMatchObject({ kind: 'board.vote.withdrawn', payload: { dots: 1 } });
		expectRefused('vote:cast', x.alex, x.wid, { boardId: x.boardId, itemId: cardId, delta: -1 }, 'no_vote_to_remove');
		expectRefused('vote:cast', x.bo, x.wid, { boardId: x.boardId, itemId: 'nothing', delta: 1 }, 'not_votable');
		expectRefused('vote:cast', x.bo, x.wid, { boardId: x.foreign.boardId, itemId: cardId, delta: 1 }, 'not_found');
		const b2 = x.addBoard();
		x.phase('vote', b2);
		expectRefused('vote:cast', x.bo, x.wid, { boardId: b2, itemId: cardId, delta: 1 }, 'not_active');
		applied(run('board:voting', x.fac, x.wid, { boardId: x.boardId, closed: true }));
		expectRefused('vote:cast', x.bo, x.wid, { boardId: x.boardId, itemId: cardId, delta: 1 }, 'voting_closed');
	});

	it('board:update merges settings and renames the activity', async () => {
		const x = await world();
		const o = run('board:update', x.fac, x.wid, { boardId: x.boardId, title: 'Renamed here', settings: { voteBudget: 5, anonymous: false } });
		expect(applied(o)).toEqual({ boardId: x.boardId });
		expect(x.board()).toMatchObject({ title: 'Renamed here', settings: { voteBudget: 5, anonymous: false, maxPerItem: 2 } });
		expect(activities().get(x.boardId)!.title).toBe('Renamed here');
		expect(o.dirty.activities.has(x.boardId) && o.dirty.full.has(x.boardId) && o.dirty.tallies.has(x.boardId)).toBe(true);
		expect([...o.dirty.get(BUCKET.boards)]).toEqual([x.boardId]);
		expect(o.events).toEqual([{ kind: 'board.settings.changed', activityId: x.boardId, subjectId: x.boardId }]);
		expectRefused('board:update', x.fac, x.wid, { boardId: x.boardId, title: ' ' }, 'title_empty');
		expectRefused('board:update', x.fac, x.wid, { boardId: x.foreign.boardId, settings: { voteBudget: 1 } }, 'not_found');
	});

	it('board:columns and board:lanes change the board, and removing a column moves its cards', async () => {
		const x = await world();
		const add = run('board:columns', x.fac, x.wid, { boardId: x.boardId, op: { type: 'add', title: 'Later' } });
		expect(applied(add)).toEqual({ boardId: x.boardId });
		expect(x.board().columns.map((c) => c.title).at(-1)).toBe('Later');
		expect([...add.dirty.get(BUCKET.boards)]).toEqual([x.boardId]);
		expect(add.events).toEqual([{ kind: 'board.columns.changed', activityId: x.boardId, subjectId: x.boardId, payload: { op: 'add' } }]);
		const cardId = x.card(x.fac, 'In the second column');
		applied(run('card:move', x.fac, x.wid, { cardId, columnId: x.columns[1] }));
		const remove = run('board:columns', x.fac, x.wid, { boardId: x.boardId, op: { type: 'remove', columnId: x.columns[1] } });
		expect(x.board().columns.map((c) => c.id)).not.toContain(x.columns[1]);
		expect(x.board().columns.map((c) => c.id)).toContain(boards().card(cardId)!.columnId);
		expect(remove.dirty.full.has(x.boardId)).toBe(true);
		expectRefused('board:columns', x.fac, x.wid, { boardId: x.boardId, op: { type: 'rename', columnId: 'nocolumn', title: 'x' } }, 'unknown_column');
		expectRefused('board:columns', x.fac, x.wid, { boardId: x.foreign.boardId, op: { type: 'add', title: 'x' } }, 'not_found');

		const lane = run('board:lanes', x.fac, x.wid, { boardId: x.boardId, op: { type: 'add', title: 'Year 7' } });
		expect(applied(lane)).toEqual({ boardId: x.boardId });
		expect(x.board().lanes.map((l) => l.title)).toEqual(['Year 7']);
		expect(lane.events).toEqual([{ kind: 'board.lanes.changed', activityId: x.boardId, subjectId: x.boardId, payload: { op: 'add' } }]);
		expectRefused('board:lanes', x.fac, x.wid, { boardId: x.boardId, op: { type: 'remove', laneId: 'nolane' } }, 'unknown_lane');
	});

	it('board:voting closes voting with its outcome and opens it again', async () => {
		const x = await world();
		const a = x.card(x.alex, 'A');
		const b = x.card(x.fac, 'B');
		x.phase('vote');
		applied(run('vote:cast', x.bo, x.wid, { boardId: x.boardId, itemId: a, delta: 1 }));
		applied(run('vote:cast', x.bo, x.wid, { boardId: x.boardId, itemId: b, delta: 1 }));
		applied(run('vote:cast', x.alex, x.wid, { boardId: x.boardId, itemId: b, delta: 1 }));
		const close = run('board:voting', x.fac, x.wid, { boardId: x.boardId, closed: true });
		expect(applied(close)).toEqual({ boardId: x.boardId });
		expect(x.board().votingClosed).toBe(true);
		expect(close.dirty.tallies.has(x.boardId)).toBe(true);
		expect(close.events).toEqual([
			{ kind: 'board.vote.closed', activityId: x.boardId, subjectId: x.boardId },
			{ kind: 'board.vote.closed_outcome', activityId: x.boardId, subjectId: b, ownerId: null, payload: { rank: 1, dots: 2, item: 'card', ranked: 2 } },
			{ kind: 'board.vote.closed_outcome', activityId: x.boardId, subjectId: a, ownerId: x.alex.id, payload: { rank: 2, dots: 1, item: 'card', ranked: 2 } }
		]);
		// Closing what is closed records nothing more.
		expect(run('board:voting', x.fac, x.wid, { boardId: x.boardId, closed: true }).events).toEqual([]);
		expect(run('board:voting', x.fac, x.wid, { boardId: x.boardId, closed: false }).events).toEqual([{ kind: 'board.vote.reopened', activityId: x.boardId, subjectId: x.boardId }]);
		expectRefused('board:voting', x.fac, x.wid, { boardId: x.foreign.boardId, closed: true }, 'not_found');
	});

	it('board:discuss opens the discussion of a votable item and ends it', async () => {
		const x = await world();
		const cardId = x.card(x.alex);
		const open = run('board:discuss', x.fac, x.wid, { boardId: x.boardId, itemId: cardId });
		expect(applied(open)).toEqual({ boardId: x.boardId });
		expect(x.board().discussItemId).toBe(cardId);
		expect([...open.dirty.get(BUCKET.boards)]).toEqual([x.boardId]);
		expect(open.events).toEqual([{ kind: 'board.discussion.opened', activityId: x.boardId, subjectId: cardId }]);
		const end = run('board:discuss', x.fac, x.wid, { boardId: x.boardId, itemId: null });
		expect(x.board().discussItemId).toBeNull();
		expect(end.events).toEqual([{ kind: 'board.discussion.ended', activityId: x.boardId, subjectId: cardId }]);
		expectRefused('board:discuss', x.fac, x.wid, { boardId: x.boardId, itemId: 'nothing' }, 'not_found');
		expectRefused('board:discuss', x.fac, x.wid, { boardId: x.foreign.boardId, itemId: null }, 'not_found');
	});
});

/** A card on the foreign workshop's board, written by its facilitator. */
describe('moderation that holds (issue 14, items 1 to 3)', () => {
	/** The board's own state of a participant, as their phone receives it. */
	const meOf = (x: { wid: string }, who: EventActor, nickname = 'Alex') => boardModule.me!(deps, x.wid, { id: who.id, nickname }) as BoardMe;
	const approval = (x: Awaited<ReturnType<typeof world>>, on: boolean) => applied(run('board:update', x.fac, x.wid, { boardId: x.boardId, settings: { requireApproval: on } }));

	it("an author's edit of an approved card waits for approval again, marked as edited; approving clears the mark", async () => {
		const x = await world();
		approval(x, true);
		const cardId = x.card(x.alex, 'Benches in the yard');
		expect(boards().card(cardId)).toMatchObject({ status: 'pending', authorEditedAt: null });
		// Edits before anyone approved it are no news to the facilitator: no mark.
		applied(run('card:update', x.alex, x.wid, { cardId, text: 'Benches in the yard, please' }));
		expect(boards().card(cardId)).toMatchObject({ status: 'pending', authorEditedAt: null });
		applied(run('card:moderate', x.fac, x.wid, { cardId, action: 'approve' }));
		expect(boards().card(cardId)!.status).toBe('visible');

		const edit = run('card:update', x.alex, x.wid, { cardId, text: 'Something rude' }, 5_000);
		expect(applied(edit).card).toMatchObject({ status: 'pending', hidden: true });
		expect(boards().card(cardId)).toMatchObject({ status: 'pending', text: 'Something rude', authorEditedAt: 5_000 });
		// The board's counts and the room's minutes of that card change with it.
		expect(edit.dirty.get(BUCKET.boards).has(x.boardId)).toBe(true);
		expect(edit.dirty.texts.has(x.boardId)).toBe(true);
		expect(boards().unseen(x.boardId, false)).toEqual({ private: 0, pending: 1, hidden: 0 });

		const ok = run('card:moderate', x.fac, x.wid, { cardId, action: 'approve' });
		expect(ok.events[0].kind).toBe('board.card.approved_by_facilitator');
		expect(boards().card(cardId)).toMatchObject({ status: 'visible', authorEditedAt: null });
	});

	it('where approval is off, an edit stays on the board and is marked for the facilitator until they acknowledge it', async () => {
		const x = await world();
		const cardId = x.card(x.alex, 'More plants');
		applied(run('card:update', x.alex, x.wid, { cardId, text: 'More plants and trees' }, 7_000));
		expect(boards().card(cardId)).toMatchObject({ status: 'visible', authorEditedAt: 7_000 });
		const ack = run('card:moderate', x.fac, x.wid, { cardId, action: 'acknowledge' });
		expect(ack.events).toEqual([{ kind: 'board.card.edit_acknowledged_by_facilitator', activityId: x.boardId, subjectId: cardId, ownerId: x.alex.id }]);
		expect(boards().card(cardId)).toMatchObject({ status: 'visible', authorEditedAt: null });
		// A facilitator's own edit is no news to them either.
		applied(run('card:update', x.alex, x.wid, { cardId, text: 'Trees' }));
		applied(run('card:update', x.fac, x.wid, { cardId, text: 'Trees (tidied)' }));
		expect(boards().card(cardId)).toMatchObject({ authorEditedAt: null });
	});

	it("an author's edit of a hidden card keeps it hidden (also with approval on) and marks it for the facilitator", async () => {
		for (const on of [false, true]) {
			const x = await world();
			approval(x, on);
			const cardId = x.card(x.alex, 'Quiet idea');
			if (on) applied(run('card:moderate', x.fac, x.wid, { cardId, action: 'approve' }));
			applied(run('card:moderate', x.fac, x.wid, { cardId, action: 'hide' }));
			applied(run('card:update', x.alex, x.wid, { cardId, text: 'Loud idea' }, 9_000));
			expect(boards().card(cardId), `approval ${on}`).toMatchObject({ status: 'hidden', text: 'Loud idea', authorEditedAt: 9_000 });
			expect(meOf(x, x.alex).cards[0]).toMatchObject({ id: cardId, status: 'hidden', hidden: true });
			expect(boards().unseen(x.boardId, false)).toEqual({ private: 0, pending: 0, hidden: 1 });
		}
	});

	it("the author's own state says what the facilitator did: edited, hid, removed (with how the card began)", async () => {
		const x = await world();
		const edited = x.card(x.alex, 'My first idea');
		const removed = x.card(x.alex, 'A card that goes away, with a long text that is cut after sixty characters for the note');
		const ownDelete = x.card(x.alex, 'I take this back');
		const theirs = x.card(x.bo, 'Bo writes');
		applied(run('card:update', x.fac, x.wid, { cardId: edited, text: 'My first idea (tidied)' }));
		expect(meOf(x, x.alex).cards.find((c) => c.id === edited)).toMatchObject({ editedByFacilitator: true });
		// The staff view never carries the author's own note, and the author's never the facilitator's mark.
		expect(meOf(x, x.alex).cards.every((c) => c.authorEditedAt === undefined)).toBe(true);

		const del = run('card:delete', x.fac, x.wid, { cardId: removed }, 11_000);
		expect([...del.dirty.me.keys()]).toEqual([x.alex.id]);
		applied(run('card:delete', x.alex, x.wid, { cardId: ownDelete }));
		applied(run('card:delete', x.fac, x.wid, { cardId: theirs }));
		const me = meOf(x, x.alex);
		expect(me.removed).toEqual([{ cardId: removed, boardId: x.boardId, excerpt: 'A card that goes away, with a long text that is cut after si', removedAt: 11_000 }]);
		expect(me.cards.map((c) => c.id)).toEqual([edited]);
		expect(meOf(x, x.bo, 'Bo').removed.map((r) => r.cardId)).toEqual([theirs]);

		// The author's next edit is their own text again.
		applied(run('card:update', x.alex, x.wid, { cardId: edited, text: 'My own words' }));
		expect(meOf(x, x.alex).cards[0].editedByFacilitator).toBeUndefined();

		// "Your data" lists the note, and erasing one's data takes it away.
		expect(boardModule.privacy!.data(deps, x.wid, x.alex.id)).toMatchObject({ removedByFacilitator: [{ cardId: removed }] });
		deps.db.transaction(() => boardModule.privacy!.erase(deps, x.wid, x.alex.id, new Dirty(), 'self'));
		expect(meOf(x, x.alex).removed).toEqual([]);
		expect(meOf(x, x.bo, 'Bo').removed).toHaveLength(1);
	});

	it('the board counts what the room does not see by why: private until the reveal, waiting, hidden', async () => {
		const x = await world();
		x.phase('collect');
		const b = x.board();
		boards().saveBoard({ ...b, settings: { ...b.settings, privateUntilReveal: true, requireApproval: true } });
		x.card(x.alex, 'waits');
		const hidden = x.card(x.bo, 'hidden');
		applied(run('card:moderate', x.fac, x.wid, { cardId: hidden, action: 'hide' }));
		x.card(x.fac, 'private until the reveal');
		expect(boards().unseen(x.boardId, true)).toEqual({ private: 1, pending: 1, hidden: 1 });
		// Shown live, nothing is "not revealed".
		expect(boards().unseen(x.boardId, false)).toEqual({ private: 0, pending: 1, hidden: 1 });
	});
});

function boardsCardOf(foreign: { wid: string; boardId: string; fac: EventActor }): string {
	const existing = boards().cardsOf(foreign.boardId)[0];
	return existing ? existing.id : applied(run('card:create', foreign.fac, foreign.wid, { boardId: foreign.boardId, text: 'Theirs' })).card.id;
}

describe('barcamp handlers', () => {
	const MIN = 60_000;
	/** The world with a BarCamp shown to the room: two rooms (one with a projector), a running slot, a later one, lunch. */
	async function camp() {
		const x = await world();
		const campId = applied(run('activity:add', x.fac, x.wid, { type: 'barcamp', title: 'Camp' })).activityId;
		applied(run('activity:activate', x.fac, x.wid, { activityId: campId }));
		const room = (name: string, capacity: number, features: ('projector' | 'quiet')[]) =>
			applied(run('barcamp:rooms', x.fac, x.wid, { activityId: campId, op: { type: 'add', name, capacity, features } })).roomId;
		const t = Date.now();
		const slot = (start: number, end: number, kind: 'sessions' | 'break', label = '') => applied(run('barcamp:slots', x.fac, x.wid, { activityId: campId, op: { type: 'add', start, end, kind, label } })).slotId;
		const rooms = [room('Aula', 2, ['projector']), room('Small', 1, [])];
		const slots = [slot(t - 5 * MIN, t + 40 * MIN, 'sessions'), slot(t + 40 * MIN, t + 80 * MIN, 'break', 'Lunch'), slot(t + 80 * MIN, t + 120 * MIN, 'sessions')];
		const propose = (actor: EventActor, title: string, extra: Partial<CommandPayload<'proposal:create'>> = {}) =>
			applied(run('proposal:create', actor, x.wid, { activityId: campId, title, description: '', format: 'talk', needs: [], cohostIds: [], anonymous: false, ...extra })).proposal.id;
		return { ...x, campId, rooms, slots, propose, phase: (p: string) => x.phase(p, campId) };
	}

	it('every refusal of the BarCamp changes nothing: no row, no event, no mark', async () => {
		const x = await camp();
		expectRefused('proposal:create', x.alex, x.wid, { activityId: x.campId, title: 'Early', description: '', format: 'talk', needs: [], cohostIds: [], anonymous: false }, 'proposals_closed');
		x.phase('propose');
		const base = { activityId: x.campId, description: '', format: 'talk' as const, needs: [], cohostIds: [], anonymous: false };
		expectRefused('proposal:create', x.alex, x.wid, { ...base, title: ' ' }, 'title_empty');
		expectRefused('proposal:create', x.alex, x.wid, { ...base, title: 'x'.repeat(81) }, 'proposal_too_long');
		expectRefused('proposal:create', x.alex, x.wid, { ...base, title: 'Ok', description: 'y'.repeat(501) }, 'description_too_long');
		expectRefused('proposal:create', x.alex, x.wid, { ...base, title: 'Ok', cohostIds: [x.foreign.fac.id] }, 'unknown_cohost');
		const mine = x.propose(x.alex, 'Robots', { cohostIds: [x.bo.id], needs: ['projector'] });
		const theirs = x.propose(x.bo, 'Games');
		expectRefused('proposal:update', x.bo, x.wid, { proposalId: mine, title: 'Taken' }, 'not_proposer');
		expectRefused('proposal:withdraw', x.bo, x.wid, { proposalId: mine }, 'not_proposer');
		expectRefused('proposal:merge', x.fac, x.wid, { proposalId: mine, intoId: mine }, 'merge_self');
		expectRefused('interest:set', x.alex, x.wid, { proposalId: theirs, on: true }, 'interest_closed');
		expectRefused('barcamp:plan', x.fac, x.wid, { activityId: x.campId }, 'not_arranging');
		expectRefused('barcamp:rooms', x.fac, x.wid, { activityId: x.campId, op: { type: 'remove', roomId: 'gone' } }, 'unknown_room');
		expectRefused('barcamp:slots', x.fac, x.wid, { activityId: x.campId, op: { type: 'update', slotId: x.slots[0], end: 0 } }, 'slot_times');
		expectRefused('barcamp:slots', x.fac, x.wid, { activityId: x.foreign.boardId, op: { type: 'remove', slotId: x.slots[0] } }, 'not_found');
		x.phase('plan');
		expectRefused('proposal:update', x.alex, x.wid, { proposalId: mine, title: 'Late' }, 'editing_closed');
		expectRefused('barcamp:place', x.fac, x.wid, { proposalId: mine, roomId: x.rooms[0], slotId: x.slots[1] }, 'not_session_slot');
		expectRefused('barcamp:place', x.fac, x.wid, { proposalId: mine, roomId: 'nowhere', slotId: x.slots[0] }, 'unknown_room');
		expectRefused('barcamp:pin', x.fac, x.wid, { proposalId: mine, pinned: true }, 'not_placed');
		expectRefused('checkin:set', x.alex, x.wid, { proposalId: mine }, 'not_published');
		expectRefused('barcamp:hosted', x.fac, x.wid, { proposalId: mine, hostIds: [x.fac.id] }, 'unknown_host');
		applied(run('barcamp:place', x.fac, x.wid, { proposalId: mine, roomId: x.rooms[0], slotId: x.slots[2] }));
		x.phase('live');
		expectRefused('checkin:set', x.alex, x.wid, { proposalId: mine }, 'not_current_slot');
		expectRefused('checkin:set', x.alex, x.wid, { proposalId: theirs }, 'not_placed');
	});

	it('barcamp:place swaps with the session in the cell, records where each came from once published, and marks both', async () => {
		const x = await camp();
		x.phase('propose');
		const a = x.propose(x.alex, 'A');
		const b = x.propose(x.bo, 'B');
		x.phase('plan');
		applied(run('barcamp:place', x.fac, x.wid, { proposalId: a, roomId: x.rooms[0], slotId: x.slots[0] }));
		applied(run('barcamp:place', x.fac, x.wid, { proposalId: b, roomId: x.rooms[1], slotId: x.slots[2] }));
		x.phase('live');
		const swap = run('barcamp:place', x.fac, x.wid, { proposalId: a, roomId: x.rooms[1], slotId: x.slots[2] });
		expect(applied(swap)).toMatchObject({ proposalId: a, swapped: b });
		expect([...swap.dirty.get('barcamp.placements')].sort()).toEqual([a, b].sort());
		expect([...swap.dirty.get('barcamp.camps')]).toEqual([x.campId]);
		expect(swap.events.map((e) => [e.kind, e.subjectId])).toEqual([
			['barcamp.session.placed', b],
			['barcamp.session.placed', a]
		]);
		const at = (id: string) => deps.sqlite.prepare('select room_id r, slot_id s, from_room_id fr, from_slot_id fs, moved_at m from barcamp_placements where proposal_id = ?').get(id) as Record<string, unknown>;
		expect(at(a)).toMatchObject({ r: x.rooms[1], s: x.slots[2], fr: x.rooms[0], fs: x.slots[0] });
		expect(at(b)).toMatchObject({ r: x.rooms[0], s: x.slots[0], fr: x.rooms[1], fs: x.slots[2] });
	});

	it('interest:set counts one mark per person, and a second identical mark records nothing', async () => {
		const x = await camp();
		x.phase('propose');
		const a = x.propose(x.alex, 'A');
		x.phase('vote');
		const first = run('interest:set', x.bo, x.wid, { proposalId: a, on: true });
		expect(first.events).toEqual([{ kind: 'barcamp.interest.given', activityId: x.campId, subjectId: a, ownerId: x.alex.id }]);
		expect([...first.dirty.tallies]).toEqual([x.campId]);
		expect(run('interest:set', x.bo, x.wid, { proposalId: a, on: true }).events).toEqual([]);
		expect(deps.modules.get('barcamp')!.tally!.counts(deps, x.campId)).toEqual({ [a]: 1, $voters: 1 });
	});
});
