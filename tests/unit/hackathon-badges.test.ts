import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORE_RULES, CORE_STARTER, proposeAwards, whyMessageKey, type AchievementInput, type LogEvent, type RuleParams } from '$lib/badges';
import { BOARD_RULES, BOARD_STARTER } from '$lib/features/board/badges';
import { BARCAMP_RULES, BARCAMP_STARTER } from '$lib/features/barcamp/badges';
import { HACKATHON_RULES, HACKATHON_STARTER } from '$lib/features/hackathon/badges';
import { hackathonSpec } from '$lib/features/hackathon/spec';
import { Log, one } from '../helpers/badge-log';

type Params = Record<string, number | string | string[]>;
const run = (type: string, log: Log, person: ReadonlySet<string> | string, params: Params = { min: 1 }) =>
	HACKATHON_RULES[type](log.events, typeof person === 'string' ? one(person) : person, params);

/** The hackathon's events as the server writes them (see the brief's list): team id as subject. */
class HackLog extends Log {
	constructor(workshop = 'w1') {
		super(workshop);
	}
	created(p: string, team: string, o: { hack?: string; workshop?: string } = {}) {
		return this.add('hackathon.team.created', p, { activity: o.hack ?? 'h1', workshop: o.workshop, subject: team, owner: p, payload: { matched: false } });
	}
	joined(p: string, team: string, o: { by?: string; hack?: string; workshop?: string } = {}) {
		return this.add('hackathon.team.joined', o.by ?? p, { activity: o.hack ?? 'h1', workshop: o.workshop, subject: team, owner: p, payload: { matched: o.by !== undefined } });
	}
	left(p: string, team: string, hack = 'h1') {
		return this.add('hackathon.team.left', p, { activity: hack, subject: team, owner: p });
	}
	removed(team: string, members: number, hack = 'h1') {
		return this.add('hackathon.team.removed', 'f1', { activity: hack, subject: team, payload: { members } });
	}
	stage(by: string, team: string, stageIndex: number, stageCount = 4, hack = 'h1') {
		return this.add('hackathon.stage.reached', by, { activity: hack, subject: team, payload: { stageIndex, stageCount } });
	}
	submitted(by: string, team: string, o: { hack?: string; workshop?: string; onTime?: boolean } = {}) {
		return this.add('hackathon.project.submitted', by, { activity: o.hack ?? 'h1', workshop: o.workshop, subject: team, payload: { onTime: o.onTime ?? true } });
	}
	withdrawn(by: string, team: string, hack = 'h1') {
		return this.add('hackathon.project.withdrawn', by, { activity: hack, subject: team });
	}
	wrote(p: string, team: string, hack = 'h1') {
		return this.add('hackathon.project.text_written', p, { activity: hack, subject: team });
	}
	pitched(team: string, members: string[], hack = 'h1') {
		for (const m of members) this.add('hackathon.team.pitched', 'f1', { activity: hack, subject: team, owner: m });
		return this;
	}
	jury(team: string, members: string[], place: number, hack = 'h1') {
		for (const m of members) this.add('hackathon.jury.awarded', 'f1', { activity: hack, subject: team, owner: m, payload: { place } });
		return this;
	}
	audience(team: string, members: string[], votes = 9, hack = 'h1') {
		for (const m of members) this.add('hackathon.audience.awarded', 'f1', { activity: hack, subject: team, owner: m, payload: { votes } });
		return this;
	}
	voted(p: string, team: string, hack = 'h1') {
		return this.add('hackathon.vote.cast', p, { activity: hack, subject: team });
	}
}

const NOT_MET = { met: false, count: 0, evidence: [] };

describe('hack_team_member', () => {
	it('counts hackathons where the person was in the team when it submitted on time, and it still stands', () => {
		const log = new HackLog().created('p1', 't1').joined('p2', 't1').joined('p3', 't1', { by: 'f1' }).left('p3', 't1').submitted('p1', 't1');
		expect(run('hack_team_member', log, 'p1')).toEqual({ met: true, count: 1, evidence: ['t1'] });
		expect(run('hack_team_member', log, 'p2').met).toBe(true);
		// Left before the submission.
		expect(run('hack_team_member', log, 'p3')).toEqual(NOT_MET);
		// Left after it: was in the team that submitted.
		log.left('p2', 't1');
		expect(run('hack_team_member', log, 'p2').met).toBe(true);
		// Joined after it: not.
		log.joined('p4', 't1');
		expect(run('hack_team_member', log, 'p4').met).toBe(false);
	});

	it('does not count a submission after the deadline, a withdrawn one, or a removed team', () => {
		expect(run('hack_team_member', new HackLog().created('p1', 't1').submitted('p1', 't1', { onTime: false }), 'p1')).toEqual(NOT_MET);
		const withdrawn = new HackLog().created('p1', 't1').submitted('p1', 't1').withdrawn('p1', 't1');
		expect(run('hack_team_member', withdrawn, 'p1')).toEqual(NOT_MET);
		withdrawn.submitted('p1', 't1');
		expect(run('hack_team_member', withdrawn, 'p1').met).toBe(true);
		const removed = new HackLog().created('p1', 't1').submitted('p1', 't1').removed('t1', 1);
		expect(run('hack_team_member', removed, 'p1')).toEqual(NOT_MET);
		// A removed team stays removed, whatever its id sees later.
		removed.joined('p1', 't1').submitted('p1', 't1');
		expect(run('hack_team_member', removed, 'p1')).toEqual(NOT_MET);
	});

	it('counts hackathons, not teams, across a learner\'s workshops', () => {
		const log = new HackLog();
		log.created('a1', 't1', { workshop: 'w1' }).submitted('a1', 't1', { workshop: 'w1' });
		// Several teams in one hackathon (multi-team allowed) count once.
		log.created('a1', 't2', { workshop: 'w1' }).submitted('a1', 't2', { workshop: 'w1' });
		log.created('a2', 't3', { workshop: 'w2', hack: 'h2' }).submitted('a2', 't3', { workshop: 'w2', hack: 'h2' });
		const learner = new Set(['a1', 'a2']);
		expect(run('hack_team_member', log, learner, { min: 2 })).toEqual({ met: true, count: 2, evidence: ['t1', 't2', 't3'] });
		expect(run('hack_team_member', log, learner, { min: 3 }).met).toBe(false);
	});
});

describe('hack_stage', () => {
	const log = new HackLog()
		.created('p1', 't1')
		.stage('p1', 't1', 1)
		.joined('p2', 't1')
		.stage('p2', 't1', 3)
		.created('p3', 't2')
		.stage('p3', 't2', 2, 3)
		.created('p4', 't3')
		.stage('p4', 't3', 2, 4);

	it('counts teams that reached the stage (from 1, or from the end with -1) while the person was in them', () => {
		expect(run('hack_stage', log, 'p1', { stageIndex: -1 })).toEqual({ met: true, count: 1, evidence: ['t1'] });
		expect(run('hack_stage', log, 'p2', { stageIndex: 4 })).toMatchObject({ met: true });
		// The last of three stages is index 2.
		expect(run('hack_stage', log, 'p3', { stageIndex: -1 }).met).toBe(true);
		expect(run('hack_stage', log, 'p4', { stageIndex: -1 }).met).toBe(false);
		expect(run('hack_stage', log, 'p4', { stageIndex: -2 }).met).toBe(true);
		expect(run('hack_stage', log, 'p4', { stageIndex: 3 }).met).toBe(true);
		expect(run('hack_stage', log, 'p4', { stageIndex: 4 }).met).toBe(false);
		// Reaching a later stage counts for the earlier ones.
		expect(run('hack_stage', log, 'p1', { stageIndex: 1 }).met).toBe(true);
	});

	it('does not reach people who joined after, nor a removed team, nor a stage outside the list', () => {
		const l = new HackLog().created('p1', 't1').stage('p1', 't1', 3).joined('p2', 't1');
		expect(run('hack_stage', l, 'p2', { stageIndex: -1 }).met).toBe(false);
		expect(run('hack_stage', new HackLog().created('p1', 't1').stage('p1', 't1', 3).removed('t1', 1), 'p1', { stageIndex: -1 }).met).toBe(false);
		expect(run('hack_stage', new HackLog().created('p1', 't1').stage('p1', 't1', 4, 4), 'p1', { stageIndex: 1 }).met).toBe(false);
	});

	it('refuses parameters it cannot use', () => {
		for (const params of [{}, { stageIndex: 0 }, { stageIndex: 1.5 }, { stageIndex: '1' }, { stageIndex: 500 }, { stageIndex: 1, min: 0 }] as Params[])
			expect(run('hack_stage', log, 'p1', params)).toEqual(NOT_MET);
	});
});

describe('per-member awards, pitches and writing', () => {
	const log = new HackLog()
		.created('p1', 't1')
		.joined('p2', 't1')
		.pitched('t1', ['p1', 'p2'])
		.jury('t1', ['p1', 'p2'], 2)
		.created('p3', 't2')
		.pitched('t2', ['p3'])
		.jury('t2', ['p3'], 4)
		.audience('t2', ['p3'])
		.wrote('p1', 't1')
		.wrote('p1', 't1')
		.wrote('f1', 't1')
		.wrote('p3', 't2');

	it('hack_pitched counts the teams the person pitched with', () => {
		expect(run('hack_pitched', log, 'p2')).toEqual({ met: true, count: 1, evidence: ['t1'] });
		expect(run('hack_pitched', log, new Set(['p1', 'p3']), { min: 2 })).toEqual({ met: true, count: 2, evidence: ['t1', 't2'] });
		expect(run('hack_pitched', log, 'p4')).toEqual(NOT_MET);
	});

	it('hack_jury_award counts places up to maxPlace (3 when absent)', () => {
		expect(run('hack_jury_award', log, 'p1', { maxPlace: 3 })).toEqual({ met: true, count: 1, evidence: ['t1'] });
		expect(run('hack_jury_award', log, 'p1', { maxPlace: 1 }).met).toBe(false);
		expect(run('hack_jury_award', log, 'p3', {}).met).toBe(false);
		expect(run('hack_jury_award', log, 'p3', { maxPlace: 4 }).met).toBe(true);
		for (const params of [{ maxPlace: 0 }, { maxPlace: '3' }, { maxPlace: 2.5 }, { maxPlace: 3, min: -1 }] as Params[]) expect(run('hack_jury_award', log, 'p1', params)).toEqual(NOT_MET);
		expect(run('hack_jury_award', new HackLog().add('hackathon.jury.awarded', 'f1', { subject: 't9', owner: 'p1', payload: { place: 'first' } }), 'p1', {}).met).toBe(false);
	});

	it('hack_audience_award and hack_writer count teams (writing as a participant, once per text)', () => {
		expect(run('hack_audience_award', log, 'p3')).toEqual({ met: true, count: 1, evidence: ['t2'] });
		expect(run('hack_audience_award', log, 'p1')).toEqual(NOT_MET);
		expect(run('hack_writer', log, 'p1')).toEqual({ met: true, count: 1, evidence: ['t1'] });
		expect(run('hack_writer', log, 'f1')).toEqual(NOT_MET);
		expect(run('hack_writer', log, new Set(['p1', 'p3']), { min: 2 }).met).toBe(true);
		for (const type of ['hack_pitched', 'hack_audience_award', 'hack_writer', 'hack_team_member']) expect(run(type, log, 'p1', { min: 0 })).toEqual(NOT_MET);
	});
});

describe('the starter set', () => {
	const starters = [...CORE_STARTER, ...BOARD_STARTER, ...BARCAMP_STARTER, ...HACKATHON_STARTER];
	const all = { ...CORE_RULES, ...BOARD_RULES, ...BARCAMP_RULES, ...HACKATHON_RULES };
	const messages = Object.fromEntries(['en', 'de', 'fr'].map((l) => [l, JSON.parse(fs.readFileSync(new URL(`../../messages/${l}.json`, import.meta.url), 'utf8')) as Record<string, string>]));

	it('has the five achievements of the brief, with their rules, tiers and scopes', () => {
		const by = Object.fromEntries(HACKATHON_STARTER.map((s) => [s.key, s]));
		expect(Object.keys(by)).toEqual(['hackathon-team-player', 'hackathon-pitched', 'hackathon-jury-prize', 'hackathon-audience-favourite', 'hackathon-veteran']);
		expect(by['hackathon-team-player']).toMatchObject({ tier: 'standard', scope: 'workshop', rule: { type: 'hack_team_member', params: { min: 1 } } });
		expect(by['hackathon-pitched']).toMatchObject({ tier: 'standard', scope: 'workshop', rule: { type: 'hack_pitched' } });
		expect(by['hackathon-jury-prize']).toMatchObject({ tier: 'confirm', scope: 'workshop', rule: { type: 'hack_jury_award', params: { maxPlace: 3 } } });
		expect(by['hackathon-audience-favourite']).toMatchObject({ tier: 'confirm', rule: { type: 'hack_audience_award' } });
		expect(by['hackathon-veteran']).toMatchObject({ tier: 'confirm', scope: 'learner', rule: { type: 'activities_of_type', params: { type: 'hackathon', min: 3 } } });
	});

	it('keeps keys and rule types unique across the core and the modules, every text in three languages, a why line per rule', () => {
		const keys = starters.map((s) => s.key);
		expect(new Set(keys).size).toBe(keys.length);
		const types = [CORE_RULES, BOARD_RULES, BARCAMP_RULES, HACKATHON_RULES].flatMap((r) => Object.keys(r));
		expect(new Set(types).size).toBe(types.length);
		for (const s of HACKATHON_STARTER) {
			expect(all, s.key).toHaveProperty(s.rule!.type);
			expect(s.kind).toBe('badge');
			for (const field of ['name', 'description', 'criteria'] as const) {
				for (const l of ['de', 'en', 'fr'] as const) expect(s[field][l].trim(), `${s.key}.${field}.${l}`).not.toBe('');
				expect(s[field].fr, `${s.key}.${field}`).not.toMatch(/[ ]:|[ \u00a0][;!?]/);
			}
		}
		for (const type of Object.keys(HACKATHON_RULES)) for (const l of ['en', 'de', 'fr']) expect(messages[l][whyMessageKey(type)], `${l}.${type}`).toMatch(/\{count\}/);
	});

	it('every kind the rules read is a declared event kind of the hackathon', () => {
		const declared = new Set(Object.keys(hackathonSpec.eventKinds));
		const src = fs.readFileSync(new URL('../../src/lib/features/hackathon/badges.ts', import.meta.url), 'utf8');
		for (const kind of new Set(src.match(/'hackathon\.[a-z_]+\.[a-z_]+'/g)!.map((k) => k.slice(1, -1)))) expect(declared.has(kind), kind).toBe(true);
	});

	it('proposes the awards a hackathon earns through proposeAwards', () => {
		const log = new HackLog().created('p1', 't1').joined('p2', 't1').stage('p1', 't1', 3).submitted('p1', 't1').pitched('t1', ['p1', 'p2']).jury('t1', ['p1', 'p2'], 1).wrote('p2', 't1');
		const achievements: AchievementInput[] = HACKATHON_STARTER.map((s) => ({ id: `id-${s.key}`, key: s.key, kind: s.kind, rule: s.rule, requires: s.requires, scope: s.scope }));
		const out = proposeAwards(achievements, all, log.events, [{ participantId: 'p2', personIds: [] }], new Map());
		expect(out.map((a) => a.achievementId).sort()).toEqual(['id-hackathon-jury-prize', 'id-hackathon-pitched', 'id-hackathon-team-player']);
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Property: the rules against a plain computation that asks the log, for each question, from the start.

const PEOPLE = ['p1', 'p2', 'p3', 'p4'];
/** Teams and the hackathon (workshop, activity) each belongs to. */
const TEAMS: Record<string, { workshop: string; hack: string }> = {
	t1: { workshop: 'w1', hack: 'h1' },
	t2: { workshop: 'w1', hack: 'h1' },
	t3: { workshop: 'w1', hack: 'h2' },
	t4: { workshop: 'w2', hack: 'h3' }
};

const eventArb = fc.record({
	kind: fc.constantFrom(
		'hackathon.team.created',
		'hackathon.team.joined',
		'hackathon.team.joined',
		'hackathon.team.left',
		'hackathon.team.removed',
		'hackathon.stage.reached',
		'hackathon.project.submitted',
		'hackathon.project.withdrawn',
		'hackathon.project.text_written',
		'hackathon.team.pitched',
		'hackathon.jury.awarded',
		'hackathon.audience.awarded',
		'hackathon.vote.cast'
	),
	team: fc.constantFrom(...Object.keys(TEAMS)),
	person: fc.constantFrom(...PEOPLE),
	staff: fc.boolean(),
	onTime: fc.oneof(fc.constant(true), fc.constant(true), fc.constant(false), fc.constant(undefined)),
	stageIndex: fc.integer({ min: -1, max: 5 }),
	stageCount: fc.integer({ min: 1, max: 5 }),
	place: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(1.5))
});

type RawEvent = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

function toLog(raw: RawEvent[]): LogEvent[] {
	return raw.map((r, i) => {
		const { workshop, hack } = TEAMS[r.team];
		const owned = !['hackathon.team.removed', 'hackathon.stage.reached', 'hackathon.project.submitted', 'hackathon.project.withdrawn', 'hackathon.project.text_written', 'hackathon.vote.cast'].includes(r.kind);
		const payload: Record<string, unknown> =
			r.kind === 'hackathon.project.submitted'
				? r.onTime === undefined
					? {}
					: { onTime: r.onTime }
				: r.kind === 'hackathon.stage.reached'
					? { stageIndex: r.stageIndex, stageCount: r.stageCount }
					: r.kind === 'hackathon.jury.awarded'
						? { place: r.place }
						: {};
		const staffActed = r.staff && r.kind !== 'hackathon.team.created';
		return {
			seq: i + 1,
			workshopId: workshop,
			activityId: hack,
			kind: r.kind,
			subjectId: r.team,
			ownerId: owned ? r.person : null,
			actorRole: staffActed ? 'facilitator' : 'participant',
			actorId: staffActed ? 'f1' : r.person,
			payload,
			at: i
		};
	});
}

/** Was `p` in `team` just before event `i`? The last of its own created/joined/left events says; a removal before ends it. */
function memberAt(log: LogEvent[], team: string, p: string, i: number): boolean {
	for (let k = i - 1; k >= 0; k--) {
		const e = log[k];
		if (e.subjectId !== team) continue;
		if (e.kind === 'hackathon.team.removed') return false;
		if (e.ownerId !== p) continue;
		if (e.kind === 'hackathon.team.created' || e.kind === 'hackathon.team.joined') return true;
		if (e.kind === 'hackathon.team.left') return false;
	}
	return false;
}

const everRemoved = (log: LogEvent[], team: string) => log.some((e) => e.subjectId === team && e.kind === 'hackathon.team.removed');

/** The plain computation of every rule for a set of people. */
function oracle(log: LogEvent[], person: Set<string>, params: { stageIndex: number; maxPlace: number }) {
	const teams = Object.keys(TEAMS);
	const submittedBy = teams.filter((t) => {
		if (everRemoved(log, t)) return false;
		let last = -1;
		log.forEach((e, i) => {
			if (e.subjectId !== t) return;
			if ((e.kind === 'hackathon.project.submitted' && e.payload.onTime === true) || e.kind === 'hackathon.project.withdrawn') last = i;
		});
		return last >= 0 && log[last].kind === 'hackathon.project.submitted' && [...person].some((p) => memberAt(log, t, p, last));
	});
	const reached = teams.filter(
		(t) =>
			!everRemoved(log, t) &&
			log.some((e, i) => {
				if (e.subjectId !== t || e.kind !== 'hackathon.stage.reached') return false;
				const { stageIndex, stageCount } = e.payload as { stageIndex: number; stageCount: number };
				if (stageIndex < 0 || stageIndex >= stageCount) return false;
				const target = params.stageIndex > 0 ? params.stageIndex - 1 : stageCount + params.stageIndex;
				return stageIndex >= target && [...person].some((p) => memberAt(log, t, p, i));
			})
	);
	const owned = (kind: string, ok: (e: LogEvent) => boolean = () => true) =>
		teams.filter((t) => log.some((e) => e.kind === kind && e.subjectId === t && e.ownerId !== null && person.has(e.ownerId) && ok(e)));
	return {
		hack_team_member: new Set(submittedBy.map((t) => TEAMS[t].hack)).size,
		hack_stage: reached.length,
		hack_pitched: owned('hackathon.team.pitched').length,
		hack_jury_award: owned('hackathon.jury.awarded', (e) => Number.isInteger(e.payload.place) && (e.payload.place as number) >= 1 && (e.payload.place as number) <= params.maxPlace).length,
		hack_audience_award: owned('hackathon.audience.awarded').length,
		hack_writer: teams.filter((t) => log.some((e) => e.kind === 'hackathon.project.text_written' && e.subjectId === t && e.actorRole === 'participant' && person.has(e.actorId))).length,
		evidence: { hack_team_member: submittedBy, hack_stage: reached }
	};
}

describe('the rules replay any log as a plain computation does (property)', () => {
	it('counts and evidence agree for every rule, person and learner', () => {
		fc.assert(
			fc.property(
				fc.array(eventArb, { maxLength: 80, size: 'large' }),
				fc.subarray(PEOPLE, { minLength: 1, maxLength: 2 }),
				fc.constantFrom(-2, -1, 1, 2, 3, 4),
				fc.integer({ min: 1, max: 4 }),
				(raw, people, stageIndex, maxPlace) => {
					const log = toLog(raw);
					const person = new Set(people);
					const want = oracle(log, person, { stageIndex, maxPlace });
					const params: Record<string, RuleParams> = {
						hack_team_member: { min: 1 },
						hack_stage: { stageIndex },
						hack_pitched: { min: 1 },
						hack_jury_award: { maxPlace },
						hack_audience_award: { min: 1 },
						hack_writer: { min: 1 }
					};
					for (const type of Object.keys(HACKATHON_RULES)) {
						const got = HACKATHON_RULES[type](log, person, params[type]);
						const count = want[type as keyof typeof params & keyof typeof want] as number;
						expect(got.count, type).toBe(count);
						expect(got.met, type).toBe(count >= 1);
						expect(new Set(got.evidence).size, `${type} evidence once each`).toBe(got.evidence.length);
					}
					expect([...HACKATHON_RULES.hack_team_member(log, person, { min: 1 }).evidence].sort()).toEqual([...want.evidence.hack_team_member].sort());
					expect([...HACKATHON_RULES.hack_stage(log, person, { stageIndex }).evidence].sort()).toEqual([...want.evidence.hack_stage].sort());
				}
			),
			{ numRuns: 500, seed: 42 }
		);
	});
});
