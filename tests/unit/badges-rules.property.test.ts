import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORE_RULES, CORE_STARTER, proposeAwards, type AchievementInput, type LogEvent, type RuleFn } from '$lib/badges';
import { BOARD_RULES, BOARD_STARTER } from '$lib/features/board/badges';
import { BARCAMP_RULES, BARCAMP_STARTER } from '$lib/features/barcamp/badges';

/**
 * Property tests of the award rules on seeded random logs. The logs come from a small simulation of the server (the
 * board's and the BarCamp's handlers, as far as the log goes), which keeps the true final state of every card,
 * group, dot and proposal in plain maps: that state is the oracle the rules' counts are checked against, computed
 * without replaying the log.
 */

const RULES: Record<string, RuleFn> = { ...CORE_RULES, ...BOARD_RULES, ...BARCAMP_RULES };
const RUNS = { seed: 42, numRuns: 300 };
const OPS = ['post', 'post', 'post', 'edit', 'edit', 'delete', 'moderate', 'moderate', 'moderate', 'move', 'move', 'group', 'ungroup', 'vote', 'vote', 'vote', 'vote', 'submit', 'submit', 'withdraw', 'reject', 'restore', 'merge', 'hosted', 'checkin'] as const;
type Op = { op: (typeof OPS)[number]; who: number; a: number; b: number; c: number };
const op = fc.record({ op: fc.constantFrom(...OPS), who: fc.nat(4), a: fc.nat(7), b: fc.nat(7), c: fc.nat(5) });

interface Card { id: string; board: string; author: string | null; status: 'visible' | 'pending' | 'hidden'; length: number; gone: boolean; group: string | null }
interface Proposal { id: string; proposer: string | null; status: 'open' | 'withdrawn' | 'rejected' | 'merged'; hosts: Set<string>; checkedIn: Set<string> }

/** One workshop's simulated run: its log and the true state the server would hold at its end. */
class World {
	events: LogEvent[] = [];
	cards: Card[] = [];
	groups = new Map<string, { board: string; alive: boolean }>();
	dots = new Map<string, Map<string, number>>();
	proposals: Proposal[] = [];
	/** How many things each participant did (events they caused, joining aside). */
	actions = new Map<string, number>();
	/** Activities of type barcamp each participant did something in. */
	inCamp = new Set<string>();
	readonly people: string[];
	/** b1 asks for approval, b2 does not (fixed, so the log's "posted pending" tells the setting). */
	readonly boards: { id: string; approval: boolean }[];
	readonly camp: string;
	private n = 0;
	/** How often the run reached two cases the properties must see: an author's edit of an approved card, dots cleared by grouping. */
	stat = { repend: 0, regrouped: 0 };

	constructor(readonly w: string, private seq: { next: number }, ops: Op[]) {
		this.people = [0, 1, 2, 3].map((i) => `${w}-p${i}`);
		this.boards = [{ id: `${w}-b1`, approval: true }, { id: `${w}-b2`, approval: false }];
		this.camp = `${w}-camp`;
		for (const p of this.people) this.emit('workshop.participant.joined', p, null, p, null, {});
		for (const o of ops) this.apply(o);
	}

	private id(prefix: string) {
		return `${this.w}-${prefix}${++this.n}`;
	}

	emit(kind: string, actor: string, activityId: string | null, subjectId: string | null, ownerId: string | null, payload: Record<string, unknown>) {
		const role = actor === 'f1' ? 'facilitator' : 'participant';
		this.events.push({ seq: this.seq.next++, workshopId: this.w, activityId, kind, subjectId, ownerId, actorRole: role, actorId: actor, payload, at: this.seq.next });
		if (role === 'participant' && kind !== 'workshop.participant.joined') {
			this.actions.set(actor, (this.actions.get(actor) ?? 0) + 1);
			if (kind.startsWith('barcamp.')) this.inCamp.add(actor);
		}
	}

	private clear(item: string) {
		for (const mine of this.dots.values()) mine.delete(item);
	}

	private votable(item: string): boolean {
		const card = this.cards.find((c) => c.id === item);
		if (card) return !card.gone && card.status === 'visible' && card.group === null;
		return !!this.groups.get(item)?.alive;
	}

	private apply({ op, who, a, b, c }: Op) {
		const actor = who === 4 ? 'f1' : this.people[who];
		const live = this.cards.filter((x) => !x.gone);
		const card = live.length ? live[a % live.length] : null;
		const owner = (x: Card) => x.author;
		const props = this.proposals;
		const prop = props.length ? props[a % props.length] : null;
		switch (op) {
			case 'post': {
				const board = this.boards[b % 2];
				const status = actor !== 'f1' && board.approval ? 'pending' : 'visible';
				// Length 0 never comes from the server (it refuses empty cards); the rules must not count it anyway.
				const x: Card = { id: this.id('card'), board: board.id, author: actor === 'f1' ? null : actor, status, length: c, gone: false, group: null };
				this.cards.push(x);
				this.emit('board.card.posted', actor, x.board, x.id, owner(x), { length: c, status });
				break;
			}
			case 'edit': {
				if (!card) break;
				const by = who === 4 || card.author === null ? 'f1' : card.author;
				const board = this.boards.find((x) => x.id === card.board)!;
				if (by !== 'f1' && card.status === 'visible' && board.approval) { card.status = 'pending'; this.stat.repend++; }
				card.length = c;
				this.emit('board.card.edited', by, card.board, card.id, owner(card), { length: c });
				break;
			}
			case 'delete': {
				if (!card) break;
				const by = who === 4 || card.author === null ? 'f1' : card.author;
				card.gone = true;
				this.clear(card.id);
				this.emit(by === 'f1' && card.author !== null ? 'board.card.removed_by_facilitator' : 'board.card.deleted', by, card.board, card.id, owner(card), {});
				break;
			}
			case 'moderate': {
				if (!card) break;
				const action = (['hide', 'show', 'approve', 'acknowledge'] as const)[c % 4];
				card.status = action === 'hide' ? 'hidden' : action === 'acknowledge' ? card.status : 'visible';
				const kind = { hide: 'hidden', show: 'shown', approve: 'approved', acknowledge: 'edit_acknowledged' }[action];
				this.emit(`board.card.${kind}_by_facilitator`, 'f1', card.board, card.id, owner(card), {});
				break;
			}
			case 'move': {
				if (!card) break;
				const groups = [...this.groups].filter(([, g]) => g.alive && g.board === card.board).map(([id]) => id);
				const to = b % (groups.length + 1) === groups.length ? null : groups[b % (groups.length + 1)];
				if (to !== null && card.group === null && [...this.dots.values()].some((m) => m.has(card.id))) this.stat.regrouped++;
				if (to !== null && card.group === null) this.clear(card.id);
				card.group = to;
				this.emit('board.card.moved', 'f1', card.board, card.id, owner(card), { columnId: 'col', laneId: null, clusterId: to });
				break;
			}
			case 'group': {
				const board = this.boards[b % 2].id;
				const id = this.id('group');
				this.groups.set(id, { board, alive: true });
				this.emit('board.cluster.created', 'f1', board, id, null, { cards: 0 });
				break;
			}
			case 'ungroup': {
				const alive = [...this.groups].filter(([, g]) => g.alive);
				if (!alive.length) break;
				const [id, g] = alive[a % alive.length];
				g.alive = false;
				this.clear(id);
				const members = this.cards.filter((x) => x.group === id);
				for (const x of members) x.group = null;
				this.emit('board.cluster.removed', 'f1', g.board, id, null, { cards: members.length });
				break;
			}
			case 'vote': {
				if (actor === 'f1') break;
				const items = [...this.cards.map((x) => [x.id, x.board] as const), ...[...this.groups].map(([id, g]) => [id, g.board] as const)];
				if (!items.length) break;
				const [item, board] = items[a % items.length];
				if (!this.dots.has(actor)) this.dots.set(actor, new Map());
				const mine = this.dots.get(actor)!;
				const now = mine.get(item) ?? 0;
				if (c % 3 === 0) {
					// Taking a dot back: refused without one.
					if (now === 0) break;
					if (now === 1) mine.delete(item);
					else mine.set(item, now - 1);
					this.emit('board.vote.withdrawn', actor, board, item, null, { dots: now - 1 });
				} else {
					if (!this.votable(item)) break;
					mine.set(item, now + 1);
					this.emit('board.vote.cast', actor, board, item, null, { dots: now + 1 });
				}
				break;
			}
			case 'submit': {
				const p: Proposal = { id: this.id('prop'), proposer: actor === 'f1' ? null : actor, status: 'open', hosts: new Set(), checkedIn: new Set() };
				props.push(p);
				this.emit('barcamp.proposal.submitted', actor, this.camp, p.id, p.proposer, { format: 'talk', cohosts: 0, anonymous: false });
				break;
			}
			case 'withdraw':
				if (!prop || prop.status !== 'open' || prop.proposer === null) break;
				prop.status = 'withdrawn';
				this.emit('barcamp.proposal.withdrawn', prop.proposer, this.camp, prop.id, prop.proposer, {});
				break;
			case 'reject':
				if (!prop || prop.status !== 'open') break;
				prop.status = 'rejected';
				this.emit('barcamp.proposal.rejected', 'f1', this.camp, prop.id, prop.proposer, {});
				break;
			case 'restore':
				if (!prop || prop.status !== 'rejected') break;
				prop.status = 'open';
				this.emit('barcamp.proposal.restored', 'f1', this.camp, prop.id, prop.proposer, {});
				break;
			case 'merge': {
				const into = props.length ? props[b % props.length] : null;
				if (!prop || !into || prop === into || prop.status !== 'open' || into.status !== 'open') break;
				prop.status = 'merged';
				this.emit('barcamp.proposal.merged', 'f1', this.camp, prop.id, prop.proposer, { into: into.id });
				break;
			}
			case 'hosted': {
				if (!prop || prop.status !== 'open' || actor === 'f1' || prop.hosts.has(actor)) break;
				prop.hosts.add(actor);
				this.emit('barcamp.session.hosted', 'f1', this.camp, prop.id, actor, {});
				break;
			}
			case 'checkin': {
				if (!prop || prop.status !== 'open' || actor === 'f1' || prop.checkedIn.has(actor)) break;
				prop.checkedIn.add(actor);
				this.emit('barcamp.session.checked_in', actor, this.camp, prop.id, actor, { slot: 's1' });
				break;
			}
		}
	}

	// The oracle: counts read off the true final state.
	cardCounts(x: Card) {
		return !x.gone && x.status === 'visible' && x.length > 0;
	}
	itemCounts(item: string) {
		const card = this.cards.find((x) => x.id === item);
		return card ? this.cardCounts(card) && card.group === null : !!this.groups.get(item)?.alive;
	}
	expected(p: string): Record<string, number> {
		let dots = 0;
		for (const [item, n] of this.dots.get(p) ?? []) if (this.itemCounts(item)) dots += n;
		return {
			took_part: this.actions.get(p) ?? 0,
			idea_giver: this.cards.filter((x) => x.author === p && this.cardCounts(x)).length,
			feedback_giver: dots,
			session_host: this.proposals.filter((x) => x.status === 'open' && x.hosts.has(p)).length,
			session_proposer: this.proposals.filter((x) => x.proposer === p && (x.status === 'open' || x.status === 'merged')).length,
			session_goer: this.proposals.filter((x) => x.status === 'open' && x.checkedIn.has(p)).length
		};
	}
}

/** Two workshops; participant i of each is one learner (their backpack links both pseudonyms). */
const worlds = fc.tuple(fc.array(op, { minLength: 20, maxLength: 90 }), fc.array(op, { minLength: 20, maxLength: 90 })).map(([x, y]) => {
	const seq = { next: 1 };
	const w1 = new World('w1', seq, x);
	const w2 = new World('w2', seq, y);
	return { w1, w2, events: [...w1.events, ...w2.events] };
});

const count = (type: string, events: readonly LogEvent[], person: string[], params: Record<string, number | string> = { min: 1 }) => RULES[type](events, new Set(person), params).count;

describe('the award rules on seeded random logs', () => {
	it('(c) count what an oracle reads off the true final state of cards, dots and proposals', () => {
		fc.assert(
			fc.property(worlds, ({ w1, w2, events }) => {
				for (const w of [w1, w2])
					for (const p of w.people) {
						const exp = w.expected(p);
						for (const type of Object.keys(exp)) expect(count(type, events, [p]), `${type} ${p}`).toBe(exp[type]);
					}
				for (let i = 0; i < 4; i++) {
					const learner = [w1.people[i], w2.people[i]];
					const took = learner.filter((p) => (w1.actions.get(p) ?? w2.actions.get(p) ?? 0) > 0).length;
					expect(count('workshops', events, learner)).toBe(took);
					const camps = [w1, w2].filter((w) => learner.some((p) => w.inCamp.has(p))).length;
					expect(count('activities_of_type', events, learner, { type: 'barcamp', min: 1 })).toBe(camps);
				}
			}),
			RUNS
		);
	});

	it('(a) award no achievement without its events: every piece of evidence is a subject the person acted on in the way the rule counts', () => {
		const starters = [...CORE_STARTER, ...BOARD_STARTER, ...BARCAMP_STARTER];
		const byKey = new Map(starters.map((s) => [s.key, s]));
		// The starter set with low thresholds, so that random logs earn awards often.
		const achievements: AchievementInput[] = starters.map((s, i) => ({
			id: `a${i}`,
			key: s.key,
			kind: s.kind,
			scope: s.scope,
			requires: s.requires,
			rule: s.rule && { type: s.rule.type, params: { ...s.rule.params, min: 1 } }
		}));
		const qualifying: Record<string, (e: LogEvent, person: Set<string>) => boolean> = {
			took_part: (e, p) => e.actorRole === 'participant' && p.has(e.actorId) && e.kind !== 'workshop.participant.joined',
			workshops: (e, p) => e.actorRole === 'participant' && p.has(e.actorId) && e.kind !== 'workshop.participant.joined',
			activities_of_type: (e, p) => e.actorRole === 'participant' && p.has(e.actorId) && e.kind.startsWith('barcamp.'),
			idea_giver: (e, p) => e.kind === 'board.card.posted' && p.has(e.actorId),
			feedback_giver: (e, p) => e.kind === 'board.vote.cast' && p.has(e.actorId),
			session_host: (e, p) => e.kind === 'barcamp.session.hosted' && e.ownerId !== null && p.has(e.ownerId),
			session_proposer: (e, p) => e.kind === 'barcamp.proposal.submitted' && e.actorRole === 'participant' && p.has(e.actorId)
		};
		fc.assert(
			fc.property(worlds, fc.array(fc.constantFrom(...starters.map((s) => s.key)), { maxLength: 4 }), ({ w1, w2, events }, heldKeys) => {
				const people = w2.people.map((p, i) => ({ participantId: p, personIds: [w1.people[i], p] }));
				const held = new Map([[w2.people[0], new Set(heldKeys)]]);
				const out = proposeAwards(achievements, RULES, events, people, held);
				for (const award of out) {
					const a = achievements.find((x) => x.id === award.achievementId)!;
					const person = new Set(a.scope === 'learner' ? people.find((p) => p.participantId === award.participantId)!.personIds : [award.participantId]);
					if (a.kind === 'degree') {
						// A degree: every step held or proposed now for the same person.
						const has = held.get(award.participantId) ?? new Set();
						for (const k of a.requires) expect(has.has(k) || out.some((o) => o.participantId === award.participantId && achievements.find((x) => x.id === o.achievementId)!.key === k)).toBe(true);
						continue;
					}
					expect(award.evidence.length, `${a.key}`).toBeGreaterThan(0);
					expect(held.get(award.participantId)?.has(a.key) ?? false).toBe(false);
					const isQualifying = qualifying[byKey.get(a.key)!.rule!.type];
					for (const subject of award.evidence) expect(events.some((e) => e.subjectId === subject && isQualifying(e, person)), `${a.key} ${subject}`).toBe(true);
				}
			}),
			RUNS
		);
	});

	it('(b) a contribution that is deleted, removed, hidden and not shown, waiting and never approved, empty, rejected or withdrawn never raises a count', () => {
		/** Events of one void contribution by person p (fresh ids), to be spliced into a log at two places. */
		const voids = (p: string, k: number, id: string): [Omit<LogEvent, 'seq' | 'at'>, Omit<LogEvent, 'seq' | 'at'> | null] => {
			const base = { workshopId: 'w2', activityId: 'w2-b1', ownerId: p, actorRole: 'participant' as const, actorId: p, payload: {} };
			const posted = (o: Record<string, unknown>) => ({ ...base, kind: 'board.card.posted', subjectId: id, payload: { length: 7, status: 'visible', ...o } });
			const by = (kind: string, role: 'facilitator' | 'participant' = 'facilitator') => ({ ...base, kind, subjectId: id, actorRole: role, actorId: role === 'facilitator' ? 'f1' : p });
			const prop = { ...base, activityId: 'w2-camp', kind: 'barcamp.proposal.submitted', subjectId: id, payload: { format: 'talk', cohosts: 0, anonymous: false } };
			switch (k) {
				case 0: return [posted({}), by('board.card.deleted', 'participant')];
				case 1: return [posted({}), by('board.card.removed_by_facilitator')];
				case 2: return [posted({}), by('board.card.hidden_by_facilitator')];
				case 3: return [posted({ status: 'pending' }), null];
				case 4: return [posted({ length: 0 }), null];
				case 5: return [posted({}), { ...by('board.card.edited', 'participant'), payload: { length: 0 } }];
				case 6: return [prop, { ...by('barcamp.proposal.rejected'), activityId: 'w2-camp' }];
				case 7: return [prop, { ...by('barcamp.proposal.withdrawn', 'participant'), activityId: 'w2-camp' }];
				// A dot on a card nobody sees any more: someone else's card, then removed.
				default: return [{ ...base, kind: 'board.vote.cast', subjectId: 'w2-card1', payload: { dots: 1 } }, null];
			}
		};
		const CONTRIBUTIONS = ['idea_giver', 'feedback_giver', 'top_idea', 'session_host', 'session_proposer', 'session_goer'];
		fc.assert(
			fc.property(worlds, fc.nat(3), fc.nat(8), fc.nat(1000), fc.nat(1000), ({ events }, who, k, i, j) => {
				const p = `w2-p${who}`;
				const [first, second] = voids(p, k, 'void-1');
				let extra = [first, second].filter((e) => e !== null);
				if (k === 8) {
					// The dot's card: posted by someone else, removed after the dot.
					extra = [
						{ workshopId: 'w2', activityId: 'w2-b2', kind: 'board.card.posted', subjectId: 'void-card', ownerId: 'w2-p9', actorRole: 'participant', actorId: 'w2-p9', payload: { length: 3, status: 'visible' } },
						{ ...first, subjectId: 'void-card' },
						{ workshopId: 'w2', activityId: 'w2-b2', kind: 'board.card.removed_by_facilitator', subjectId: 'void-card', ownerId: 'w2-p9', actorRole: 'facilitator', actorId: 'f1', payload: {} }
					];
				}
				// Splice the contribution's events in order at random places of the log (seq renumbered).
				const at = [i, j, i + j].map((x) => x % (events.length + 1)).sort((x, y) => x - y);
				const merged: Omit<LogEvent, 'seq' | 'at'>[] = [...events];
				extra.forEach((e, n) => merged.splice(at[Math.min(n, at.length - 1)] + n, 0, e));
				const after: LogEvent[] = merged.map((e, n) => ({ ...e, seq: n + 1, at: n + 1 }));
				for (const type of CONTRIBUTIONS)
					for (const person of [p, 'w2-p9', 'w2-p0'])
						expect(count(type, after, [person]), `${type} ${person} after void #${k}`).toBe(count(type, events, [person]));
			}),
			RUNS
		);
	});

	it('reach the cases that matter (so that the properties above say something)', () => {
		const seen = { repend: 0, regrouped: 0, ideas: 0, dots: 0, hosts: 0, proposals: 0 };
		fc.assert(
			fc.property(worlds, ({ w1, w2 }) => {
				for (const w of [w1, w2]) {
					seen.repend += w.stat.repend;
					seen.regrouped += w.stat.regrouped;
					for (const p of w.people) {
						const e = w.expected(p);
						seen.ideas += e.idea_giver;
						seen.dots += e.feedback_giver;
						seen.hosts += e.session_host;
						seen.proposals += e.session_proposer;
					}
				}
			}),
			RUNS
		);
		// An author's edit sending an approved card back to approval, a card with dots moved into a group, and plenty of
		// counted ideas, dots, hosts and proposals.
		expect(seen.repend).toBeGreaterThan(20);
		expect(seen.regrouped).toBeGreaterThan(5);
		for (const k of ['ideas', 'dots', 'hosts', 'proposals'] as const) expect(seen[k], k).toBeGreaterThan(100);
	});

	it('reads the same log the same way in any order it is given', () => {
		fc.assert(
			fc.property(worlds, fc.nat(), ({ events, w1 }, seed) => {
				const shuffled = [...events].sort((x, y) => ((x.seq * 2654435761 + seed) % 1009) - ((y.seq * 2654435761 + seed) % 1009));
				for (const p of w1.people) for (const type of ['idea_giver', 'feedback_giver', 'session_host', 'session_proposer']) expect(count(type, shuffled, [p])).toBe(count(type, events, [p]));
			}),
			{ seed: 42, numRuns: 100 }
		);
	});
});
