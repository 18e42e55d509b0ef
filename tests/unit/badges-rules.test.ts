import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORE_RULES, CORE_STARTER, proposeAwards, whyMessageKey, type AchievementInput, type AchievementTemplate, type RuleFn, type RuleParams } from '$lib/badges';
import { BOARD_RULES, BOARD_STARTER } from '$lib/features/board/badges';
import { BARCAMP_RULES, BARCAMP_STARTER } from '$lib/features/barcamp/badges';
import { Log, one } from '../helpers/badge-log';

const rule = (type: string): RuleFn => ({ ...CORE_RULES, ...BOARD_RULES, ...BARCAMP_RULES })[type];
const run = (type: string, log: Log, person: ReadonlySet<string> | string, params: Record<string, number | string | string[]> = { min: 1 }) =>
	rule(type)(log.events, typeof person === 'string' ? one(person) : person, params);

describe('took_part', () => {
	it('counts what the person did as a participant, not joining, not what others or the facilitators did', () => {
		const log = new Log().join('p1').join('p2').post('p1', 'c1').vote('p1', 'c2', 1).post('p2', 'c2').card('hidden_by_facilitator', 'f1', 'c1', 'p1');
		expect(run('took_part', log, 'p1')).toEqual({ met: true, count: 2, evidence: ['c1', 'c2'] });
		expect(run('took_part', log, 'p1', { min: 3 })).toMatchObject({ met: false, count: 2 });
		expect(run('took_part', new Log().join('p1'), 'p1')).toEqual({ met: false, count: 0, evidence: [] });
		// Renamed by the staff is not something the person did.
		expect(run('took_part', new Log().join('p1').add('workshop.participant.renamed', 'p1', { activity: null }), 'p1').count).toBe(0);
	});

	it('refuses parameters it cannot use: nothing is met, nothing is thrown', () => {
		const log = new Log().post('p1', 'c1');
		for (const params of [{ min: 0 }, { min: -1 }, { min: 1.5 }, { min: '1' }, { min: ['1'] }, { min: 2e6 }]) expect(run('took_part', log, 'p1', params)).toEqual({ met: false, count: 0, evidence: [] });
		expect(run('took_part', log, 'p1', {}).met).toBe(true);
	});
});

describe('workshops', () => {
	it('counts the distinct workshops the person took part in (their backpack links the pseudonyms)', () => {
		const log = new Log().join('a1', 'w1').add('board.card.posted', 'a1', { workshop: 'w1', subject: 'c1', owner: 'a1', payload: { length: 3, status: 'visible' } });
		log.join('a2', 'w2').add('board.vote.cast', 'a2', { workshop: 'w2', subject: 'cx', payload: { dots: 1 } });
		log.join('a3', 'w3'); // joined, did nothing
		const learner = new Set(['a1', 'a2', 'a3']);
		expect(run('workshops', log, learner, { min: 2 })).toEqual({ met: true, count: 2, evidence: ['c1', 'cx'] });
		expect(run('workshops', log, learner, { min: 3 }).met).toBe(false);
		expect(run('workshops', log, 'a1', { min: 2 })).toMatchObject({ met: false, count: 1 });
	});
});

describe('activities_of_type', () => {
	it('counts distinct activities of a type the person took part in, across workshops', () => {
		const log = new Log();
		log.add('barcamp.interest.given', 'a1', { workshop: 'w1', activity: 'camp1', subject: 'x1', owner: 'q' });
		log.add('barcamp.interest.given', 'a1', { workshop: 'w1', activity: 'camp1', subject: 'x2', owner: 'q' });
		log.add('barcamp.session.checked_in', 'a2', { workshop: 'w2', activity: 'camp2', subject: 'x3', owner: 'a2' });
		log.add('board.card.posted', 'a3', { workshop: 'w3', activity: 'board3', subject: 'c', owner: 'a3', payload: { length: 2, status: 'visible' } });
		// A facilitator's confirmation is not the person's own doing.
		log.add('barcamp.session.hosted', 'f1', { workshop: 'w3', activity: 'camp3', subject: 'x4', owner: 'a3' });
		const learner = new Set(['a1', 'a2', 'a3']);
		expect(run('activities_of_type', log, learner, { type: 'barcamp', min: 2 })).toEqual({ met: true, count: 2, evidence: ['x1', 'x2', 'x3'] });
		expect(run('activities_of_type', log, learner, { type: 'barcamp', min: 3 }).met).toBe(false);
		expect(run('activities_of_type', log, learner, { type: 'board', min: 1 }).count).toBe(1);
		// `bar` is not a prefix of `barcamp.`: the type is a whole word.
		expect(run('activities_of_type', log, learner, { type: 'bar', min: 1 }).count).toBe(0);
		for (const params of [{ min: 1 }, { type: '', min: 1 }, { type: 'Bar Camp', min: 1 }, { type: 3, min: 1 }] as RuleParams[]) expect(run('activities_of_type', log, learner, params).met).toBe(false);
	});
});

describe('idea_giver: cards that still count at the end of the log', () => {
	const count = (log: Log, p = 'p1') => run('idea_giver', log, p).count;

	it('counts the person\'s visible cards, not others\', not a facilitator\'s', () => {
		const log = new Log().post('p1', 'c1').post('p1', 'c2').post('p2', 'c3').post('f1', 'c4');
		expect(run('idea_giver', log, 'p1', { min: 2 })).toEqual({ met: true, count: 2, evidence: ['c1', 'c2'] });
		expect(count(log, 'p2')).toBe(1);
	});

	it('deleted by the author or removed by a facilitator: never counts', () => {
		expect(count(new Log().post('p1', 'c1').card('deleted', 'p1', 'c1', 'p1'))).toBe(0);
		expect(count(new Log().post('p1', 'c1').card('removed_by_facilitator', 'f1', 'c1', 'p1'))).toBe(0);
		// Nothing brings a deleted card back.
		expect(count(new Log().post('p1', 'c1').card('removed_by_facilitator', 'f1', 'c1', 'p1').card('shown_by_facilitator', 'f1', 'c1', 'p1'))).toBe(0);
	});

	it('hidden counts only when shown again after', () => {
		expect(count(new Log().post('p1', 'c1').card('hidden_by_facilitator', 'f1', 'c1', 'p1'))).toBe(0);
		expect(count(new Log().post('p1', 'c1').card('hidden_by_facilitator', 'f1', 'c1', 'p1').card('shown_by_facilitator', 'f1', 'c1', 'p1'))).toBe(1);
		expect(count(new Log().post('p1', 'c1').card('shown_by_facilitator', 'f1', 'c1', 'p1').card('hidden_by_facilitator', 'f1', 'c1', 'p1'))).toBe(0);
		// Acknowledging an edit changes nothing.
		expect(count(new Log().post('p1', 'c1').card('hidden_by_facilitator', 'f1', 'c1', 'p1').card('edit_acknowledged_by_facilitator', 'f1', 'c1', 'p1'))).toBe(0);
	});

	it('posted waiting for approval counts once approved (or shown), never while it still waits', () => {
		expect(count(new Log().post('p1', 'c1', { pending: true }))).toBe(0);
		expect(count(new Log().post('p1', 'c1', { pending: true }).card('edit_acknowledged_by_facilitator', 'f1', 'c1', 'p1'))).toBe(0);
		expect(count(new Log().post('p1', 'c1', { pending: true }).card('approved_by_facilitator', 'f1', 'c1', 'p1'))).toBe(1);
		expect(count(new Log().post('p1', 'c1', { pending: true }).card('shown_by_facilitator', 'f1', 'c1', 'p1'))).toBe(1);
	});

	it('an author\'s edit of an approved card waits for approval again (as the server does); a facilitator\'s edit does not', () => {
		const approved = () => new Log().post('p1', 'c1', { pending: true }).card('approved_by_facilitator', 'f1', 'c1', 'p1');
		expect(count(approved().edit('p1', 'c1', 'p1', 20))).toBe(0);
		expect(count(approved().edit('p1', 'c1', 'p1', 20).card('approved_by_facilitator', 'f1', 'c1', 'p1'))).toBe(1);
		expect(count(approved().edit('f1', 'c1', 'p1', 20))).toBe(1);
		// On a board that did not ask for approval, an edit keeps the card visible.
		expect(count(new Log().post('p1', 'c1').edit('p1', 'c1', 'p1', 5))).toBe(1);
	});

	it('empty at its last post or edit: never counts; a length the log does not know neither', () => {
		expect(count(new Log().post('p1', 'c1', { length: 0 }))).toBe(0);
		expect(count(new Log().post('p1', 'c1').edit('p1', 'c1', 'p1', 0))).toBe(0);
		expect(count(new Log().post('p1', 'c1').edit('p1', 'c1', 'p1', 0).edit('p1', 'c1', 'p1', 4))).toBe(1);
		// Rows carried from before the log have an empty payload.
		expect(count(new Log().add('board.card.posted', 'p1', { subject: 'c1', owner: 'p1' }))).toBe(0);
	});

	it('grouped cards still count as ideas', () => {
		expect(count(new Log().post('p1', 'c1').add('board.cluster.created', 'f1', { subject: 'g1', payload: { cards: 0 } }).move('c1', 'p1', 'g1'))).toBe(1);
	});
});

describe('feedback_giver: dots on items that still count', () => {
	const dots = (log: Log, p = 'p1') => run('feedback_giver', log, p).count;
	const board = () => new Log().post('p2', 'c1').post('p3', 'c2').add('board.cluster.created', 'f1', { subject: 'g1', payload: { cards: 0 } });

	it('counts dots given minus dots taken back', () => {
		expect(run('feedback_giver', board().vote('p1', 'c1', 1).vote('p1', 'c1', 2).vote('p1', 'c2', 1), 'p1', { min: 3 })).toEqual({ met: true, count: 3, evidence: ['c1', 'c2'] });
		expect(dots(board().vote('p1', 'c1', 1).vote('p1', 'c1', 2).vote('p1', 'c1', 1, false))).toBe(1);
		expect(dots(board().vote('p1', 'c1', 1).vote('p1', 'c1', 0, false))).toBe(0);
		expect(dots(board().vote('p1', 'g1', 1))).toBe(1);
		expect(dots(board().vote('p2', 'c2', 1))).toBe(0);
	});

	it('dots on a card deleted, removed, hidden or waiting, or on a group dissolved, do not count', () => {
		expect(dots(board().vote('p1', 'c1', 2).card('deleted', 'p2', 'c1', 'p2'))).toBe(0);
		expect(dots(board().vote('p1', 'c1', 2).card('removed_by_facilitator', 'f1', 'c1', 'p2'))).toBe(0);
		expect(dots(board().vote('p1', 'c1', 2).card('hidden_by_facilitator', 'f1', 'c1', 'p2'))).toBe(0);
		expect(dots(board().vote('p1', 'c1', 2).card('hidden_by_facilitator', 'f1', 'c1', 'p2').card('shown_by_facilitator', 'f1', 'c1', 'p2'))).toBe(2);
		expect(dots(board().vote('p1', 'g1', 2).add('board.cluster.removed', 'f1', { subject: 'g1', payload: { cards: 0 } }))).toBe(0);
		expect(dots(board().vote('p1', 'c1', 2).edit('p2', 'c1', 'p2', 0))).toBe(0);
	});

	it('a card moved into a group loses its dots (the server clears them); dots on the group count', () => {
		expect(dots(board().vote('p1', 'c1', 2).move('c1', 'p2', 'g1'))).toBe(0);
		expect(dots(board().vote('p1', 'c1', 2).move('c1', 'p2', 'g1').move('c1', 'p2', null))).toBe(0);
		expect(dots(board().vote('p1', 'c1', 2).move('c1', 'p2', 'g1').vote('p1', 'g1', 1))).toBe(1);
		// Moving within its column keeps them.
		expect(dots(board().vote('p1', 'c1', 2).move('c1', 'p2', null))).toBe(2);
	});

	it('an item the log never saw (or a vote by a facilitator) does not count', () => {
		expect(dots(new Log().vote('p1', 'nowhere', 3))).toBe(0);
	});
});

describe('top_idea', () => {
	it('counts the person\'s items in the first places of each board\'s latest vote, still counting now', () => {
		const log = new Log().post('p1', 'c1').post('p1', 'c2').post('p2', 'c3');
		log.add('board.vote.closed', 'f1', { subject: 'b1' });
		log.add('board.vote.closed_outcome', 'f1', { subject: 'c1', owner: 'p1', payload: { rank: 4, dots: 1, item: 'card', ranked: 4 } });
		log.add('board.vote.reopened', 'f1', { subject: 'b1' });
		log.add('board.vote.closed', 'f1', { subject: 'b1' });
		log.add('board.vote.closed_outcome', 'f1', { subject: 'c1', owner: 'p1', payload: { rank: 1, dots: 5, item: 'card', ranked: 3 } });
		log.add('board.vote.closed_outcome', 'f1', { subject: 'c2', owner: 'p1', payload: { rank: 2, dots: 3, item: 'card', ranked: 3 } });
		log.add('board.vote.closed_outcome', 'f1', { subject: 'c3', owner: 'p2', payload: { rank: 3, dots: 2, item: 'card', ranked: 3 } });
		expect(run('top_idea', log, 'p1')).toEqual({ met: true, count: 2, evidence: ['c1', 'c2'] });
		expect(run('top_idea', log, 'p1', { min: 1, maxRank: 1 }).count).toBe(1);
		log.card('hidden_by_facilitator', 'f1', 'c2', 'p1');
		expect(run('top_idea', log, 'p1').count).toBe(1);
	});
});

describe('BarCamp rules', () => {
	it('session_host: a confirmed host of a session still standing', () => {
		const hosted = () => new Log().propose('p1', 's1').hosted('s1', 'p1').hosted('s1', 'p2');
		expect(run('session_host', hosted(), 'p1')).toEqual({ met: true, count: 1, evidence: ['s1'] });
		expect(run('session_host', hosted(), 'p2').count).toBe(1);
		expect(run('session_host', hosted(), 'p3').count).toBe(0);
		expect(run('session_host', hosted().proposal('rejected', 'f1', 's1', 'p1'), 'p1').count).toBe(0);
		expect(run('session_host', hosted().proposal('rejected', 'f1', 's1', 'p1').proposal('restored', 'f1', 's1', 'p1'), 'p1').count).toBe(1);
		expect(run('session_host', hosted().proposal('merged', 'f1', 's1', 'p1'), 'p1').count).toBe(0);
		expect(run('session_host', hosted().proposal('withdrawn', 'p1', 's1', 'p1'), 'p1').count).toBe(0);
		// Proposing is not hosting.
		expect(run('session_host', new Log().propose('p1', 's1'), 'p1').count).toBe(0);
	});

	it('session_proposer: proposals not rejected or withdrawn (merged ones count)', () => {
		const log = new Log().propose('p1', 's1').propose('p1', 's2').propose('p1', 's3').propose('p1', 's4').propose('f1', 's5');
		log.proposal('rejected', 'f1', 's2', 'p1').proposal('withdrawn', 'p1', 's3', 'p1').proposal('merged', 'f1', 's4', 'p1');
		expect(run('session_proposer', log, 'p1')).toEqual({ met: true, count: 2, evidence: ['s1', 's4'] });
		log.proposal('restored', 'f1', 's2', 'p1');
		expect(run('session_proposer', log, 'p1').count).toBe(3);
		// A withdrawn proposal is not restored (the server restores rejected ones only).
		log.proposal('restored', 'f1', 's3', 'p1');
		expect(run('session_proposer', log, 'p1').count).toBe(3);
	});

	it('session_goer: sessions checked in to that still stand', () => {
		const log = new Log().propose('p2', 's1').propose('p2', 's2').checkin('p1', 's1').checkin('p1', 's2').proposal('rejected', 'f1', 's2', 'p2');
		expect(run('session_goer', log, 'p1')).toEqual({ met: true, count: 1, evidence: ['s1'] });
	});
});

describe('proposeAwards', () => {
	const A = (id: string, key: string, o: Partial<AchievementInput> = {}): AchievementInput => ({ id, key, kind: 'badge', rule: null, requires: [], scope: 'workshop', ...o });
	const rules = { ...CORE_RULES, ...BOARD_RULES, ...BARCAMP_RULES };
	const achievements = [
		A('a1', 'took-part', { rule: { type: 'took_part', params: { min: 1 } } }),
		A('a2', 'idea-giver', { rule: { type: 'idea_giver', params: { min: 2 } } }),
		A('a3', 'feedback-giver', { rule: { type: 'feedback_giver', params: { min: 1 } } }),
		A('a4', 'co-creation', { kind: 'degree', requires: ['took-part', 'idea-giver', 'feedback-giver'], scope: 'learner' }),
		A('a5', 'returning', { rule: { type: 'workshops', params: { min: 2 } }, scope: 'learner' }),
		A('a6', 'by-hand'),
		A('a7', 'future', { rule: { type: 'hackathon_submitted', params: { min: 1 } } }),
		A('a8', 'master', { kind: 'degree', requires: ['co-creation', 'returning'], scope: 'learner' })
	];
	const log = () => new Log().join('p1').post('p1', 'c1').post('p1', 'c2').post('p2', 'c3').vote('p1', 'c3', 1).vote('p2', 'c1', 1);

	it('proposes what the rules find, skips unknown rule types and hand-only achievements, and proposes a degree whose path is complete', () => {
		const out = proposeAwards(achievements, rules, log().events, [{ participantId: 'p1', personIds: ['p1'] }, { participantId: 'p2', personIds: ['p2'] }], new Map());
		expect(out.filter((p) => p.participantId === 'p1').map((p) => p.achievementId)).toEqual(['a1', 'a2', 'a3', 'a4']);
		expect(out.find((p) => p.achievementId === 'a4')).toEqual({ participantId: 'p1', achievementId: 'a4', count: 3, evidence: ['c1', 'c2', 'c3'] });
		expect(out.filter((p) => p.participantId === 'p2').map((p) => p.achievementId)).toEqual(['a1', 'a3']);
	});

	it('does not propose what the person holds; a degree counts what they hold', () => {
		const held = new Map([['p2', new Set(['took-part', 'idea-giver'])]]);
		const out = proposeAwards(achievements, rules, log().events, [{ participantId: 'p2', personIds: ['p2'] }], held);
		expect(out.map((p) => p.achievementId)).toEqual(['a3', 'a4']);
		// Evidence of a degree: its steps proposed now.
		expect(out[1].evidence).toEqual(['c1']);
	});

	it('evaluates a learner-scope achievement over every linked pseudonym, a workshop one over this pseudonym only; degrees may need degrees', () => {
		const l = log();
		l.add('board.card.posted', 'q1', { workshop: 'w0', activity: 'bx', subject: 'old', owner: 'q1', payload: { length: 4, status: 'visible' } });
		const out = proposeAwards(achievements, rules, l.events, [{ participantId: 'p2', personIds: ['q1', 'p2'] }], new Map([['p2', new Set(['idea-giver'])]]));
		expect(out.map((p) => p.achievementId)).toEqual(['a1', 'a3', 'a5', 'a4', 'a8']);
		// idea_giver over q1 would count `old`; it is of workshop scope, so p2 alone: 1 card, not met (held anyway here).
		const out2 = proposeAwards(achievements, rules, l.events, [{ participantId: 'p2', personIds: ['q1', 'p2'] }], new Map());
		expect(out2.map((p) => p.achievementId)).toEqual(['a1', 'a3', 'a5']);
	});

	it('never throws on unknown types, missing rules or odd parameters, and proposes nothing for nobody', () => {
		const odd = [A('x1', 'x', { rule: { type: 'toString', params: {} } }), A('x2', 'y', { rule: { type: 'took_part', params: { min: 'lots' } } }), A('x3', 'z', { kind: 'degree', requires: ['nothing'] })];
		expect(proposeAwards(odd, rules, log().events, [{ participantId: 'p1', personIds: ['p1'] }], new Map())).toEqual([]);
		expect(proposeAwards(achievements, rules, [], [{ participantId: 'p1', personIds: [] }], new Map())).toEqual([]);
	});

	it('reads the log in seq order whatever order it is given in', () => {
		const l = new Log().post('p1', 'c1').card('hidden_by_facilitator', 'f1', 'c1', 'p1').card('shown_by_facilitator', 'f1', 'c1', 'p1');
		const reversed = [...l.events].reverse();
		expect(rule('idea_giver')(reversed, one('p1'), { min: 1 }).count).toBe(1);
	});
});

describe('the starter set and the rule registries', () => {
	const starters: AchievementTemplate[] = [...CORE_STARTER, ...BOARD_STARTER, ...BARCAMP_STARTER];
	const registries = [CORE_RULES, BOARD_RULES, BARCAMP_RULES];
	const all = Object.assign({}, ...registries) as Record<string, RuleFn>;
	const messages = Object.fromEntries(['en', 'de', 'fr'].map((l) => [l, JSON.parse(fs.readFileSync(new URL(`../../messages/${l}.json`, import.meta.url), 'utf8')) as Record<string, string>]));

	it('has the starter achievements the issue names, each key once', () => {
		expect(starters.map((s) => s.key).sort()).toEqual(['barcamp-veteran', 'co-creation', 'feedback-giver', 'idea-giver', 'returning', 'session-host', 'session-proposer', 'took-part']);
	});

	it('names each rule type once across the core and the modules, and every starter uses a known type and known keys', () => {
		const types = registries.flatMap((r) => Object.keys(r));
		expect(new Set(types).size).toBe(types.length);
		const keys = new Set(starters.map((s) => s.key));
		for (const s of starters) {
			if (s.rule) expect(all, s.key).toHaveProperty(s.rule.type);
			for (const k of s.requires) expect(keys.has(k), `${s.key} requires ${k}`).toBe(true);
			expect(s.kind === 'degree', s.key).toBe(s.requires.length > 0);
		}
		expect(starters.find((s) => s.key === 'session-host')!.tier).toBe('confirm');
		expect(starters.find((s) => s.key === 'barcamp-veteran')).toMatchObject({ tier: 'confirm', scope: 'learner', rule: { type: 'activities_of_type', params: { type: 'barcamp', min: 3 } } });
		expect(starters.find((s) => s.key === 'returning')).toMatchObject({ scope: 'learner', rule: { type: 'workshops', params: { min: 2 } } });
	});

	it('has every text in German, English and French, French with its no-break spaces, and no invented alignment', () => {
		for (const s of starters) {
			for (const field of ['name', 'description', 'criteria'] as const)
				for (const l of ['de', 'en', 'fr'] as const) expect(s[field][l].trim(), `${s.key}.${field}.${l}`).not.toBe('');
			for (const field of ['name', 'description', 'criteria'] as const) expect(s[field].fr, `${s.key}.${field}`).not.toMatch(/[ ]:|[ \u00a0][;!?]/);
			for (const a of s.alignment) expect(a.targetUrl).toMatch(/^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f-]{36}$/);
		}
	});

	it('has a "why" line with the count for every rule type and for degrees, in every language', () => {
		for (const type of [...Object.keys(all), null]) {
			const key = whyMessageKey(type);
			for (const l of ['en', 'de', 'fr']) expect(messages[l][key], `${l}.${key}`).toMatch(/\{count\}/);
		}
	});
});

describe('the module seam', () => {
	it('gives each module\'s rules and starter set to the server through ServerModule.badges', async () => {
		const { SERVER_MODULES } = await import('../../server/features/index');
		const byType = Object.fromEntries(SERVER_MODULES.map((m) => [m.spec.type, m.badges]));
		expect(byType.board).toEqual({ rules: BOARD_RULES, starter: BOARD_STARTER });
		expect(byType.barcamp).toEqual({ rules: BARCAMP_RULES, starter: BARCAMP_STARTER });
	});
});
