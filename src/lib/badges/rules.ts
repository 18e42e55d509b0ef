import type { AchievementInput, AwardProposal, LogEvent, PersonInput, RuleFn, RuleParams, RuleResult } from './types';

/**
 * The core's award rules and the engine that proposes awards (docs/ARCHITECTURE.md, "Badges and the CV", "The
 * award rules"). Pure: the participation log in, results out. A module adds its own rules
 * (src/lib/features/<type>/badges.ts) through `ServerModule.badges`; the core names none of them.
 */

/** Events that say a person is there, not that they did something. */
const NOT_PARTICIPATION: ReadonlySet<string> = new Set(['workshop.participant.joined', 'workshop.participant.renamed']);

/** A result that is not met (a rule whose parameters it cannot use ends here too). */
export const NOT_MET: RuleResult = Object.freeze({ met: false, count: 0, evidence: [] as string[] }) as RuleResult;

/**
 * A whole-number threshold parameter: absent means `dflt`; anything but an integer from 1 to 1,000,000 is refused
 * (null), so that no rule is ever met by doing nothing.
 */
export function minParam(params: RuleParams | undefined, name = 'min', dflt = 1): number | null {
	const v = params?.[name];
	if (v === undefined) return dflt;
	return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 1_000_000 ? v : null;
}

/** A text parameter made of letters, digits, `_` and `-` (an activity type), or null. */
export function nameParam(params: RuleParams | undefined, name: string): string | null {
	const v = params?.[name];
	return typeof v === 'string' && /^[a-z][a-z0-9_-]{0,39}$/.test(v) ? v : null;
}

/** The events in `seq` order (the log is read in order; a copy is sorted only when it is not). */
export function inOrder(events: readonly LogEvent[]): readonly LogEvent[] {
	for (let i = 1; i < events.length; i++) if (events[i - 1].seq > events[i].seq) return [...events].sort((a, b) => a.seq - b.seq);
	return events;
}

const memos = new WeakMap<readonly LogEvent[], Map<string, { length: number; last: LogEvent | undefined; value: unknown }>>();

/**
 * What `build` makes of a log, made once per log: `proposeAwards` asks every rule for every person with the same
 * array. Keyed by the array and `name`; its length and last event tell an array that grew since (a log is read-only,
 * `readonly LogEvent[]`, but a test may build one step by step).
 */
export function perLog<T>(name: string, events: readonly LogEvent[], build: (events: readonly LogEvent[]) => T): T {
	let byName = memos.get(events);
	if (!byName) memos.set(events, (byName = new Map()));
	const known = byName.get(name);
	if (known && known.length === events.length && known.last === events.at(-1)) return known.value as T;
	const value = build(events);
	byName.set(name, { length: events.length, last: events.at(-1), value });
	return value;
}

/** The events each participant caused that say they took part (joining and being renamed aside), by actor id. */
function participationByActor(events: readonly LogEvent[]): Map<string, LogEvent[]> {
	return perLog('core.participation', events, (log) => {
		const out = new Map<string, LogEvent[]>();
		for (const e of inOrder(log)) {
			if (e.actorRole !== 'participant' || NOT_PARTICIPATION.has(e.kind)) continue;
			if (!out.has(e.actorId)) out.set(e.actorId, []);
			out.get(e.actorId)!.push(e);
		}
		return out;
	});
}

/** The person's participation events (see `tookPartIn`), in log order. */
function participationOf(events: readonly LogEvent[], person: ReadonlySet<string>): LogEvent[] {
	const by = participationByActor(events);
	const mine = [...person].flatMap((id) => by.get(id) ?? []);
	return person.size > 1 ? mine.sort((a, b) => a.seq - b.seq) : mine;
}

/** Did this person do this as a participant (not counting joining or being renamed)? */
export function tookPartIn(e: LogEvent, person: ReadonlySet<string>): boolean {
	return e.actorRole === 'participant' && person.has(e.actorId) && !NOT_PARTICIPATION.has(e.kind);
}

/** A count against a threshold, with the subjects behind it (each once, in the order first seen). */
export function result(count: number, min: number, evidence: Iterable<string>): RuleResult {
	return { met: count >= min && count > 0, count, evidence: [...new Set(evidence)] };
}

function subjects(events: readonly LogEvent[]): string[] {
	const out: string[] = [];
	for (const e of events) if (e.subjectId !== null) out.push(e.subjectId);
	return out;
}

/** `took_part` {min}: the person did at least `min` things as a participant. */
export const tookPart: RuleFn = (events, person, params) => {
	const min = minParam(params);
	if (min === null) return NOT_MET;
	const mine = participationOf(events, person);
	return result(mine.length, min, subjects(mine));
};

/** `workshops` {min}: the person took part (as in `took_part`) in at least `min` distinct workshops (a learner's scope). */
export const workshops: RuleFn = (events, person, params) => {
	const min = minParam(params);
	if (min === null) return NOT_MET;
	const mine = participationOf(events, person);
	return result(new Set(mine.map((e) => e.workshopId)).size, min, subjects(mine));
};

/**
 * `activities_of_type` {type, min}: the person took part in at least `min` distinct activities whose events' kinds
 * start with `<type>.` (three BarCamps across workshops: a veteran).
 */
export const activitiesOfType: RuleFn = (events, person, params) => {
	const min = minParam(params);
	const type = nameParam(params, 'type');
	if (min === null || type === null) return NOT_MET;
	const prefix = `${type}.`;
	const mine = participationOf(events, person).filter((e) => e.activityId !== null && e.kind.startsWith(prefix));
	return result(new Set(mine.map((e) => `${e.workshopId}\u0000${e.activityId}`)).size, min, subjects(mine));
};

/** The core's rules by type. */
export const CORE_RULES: Record<string, RuleFn<RuleParams>> = {
	took_part: tookPart,
	workshops,
	activities_of_type: activitiesOfType
};

/**
 * Proposes the awards the log earns: for each person and achievement they do not hold yet, the achievement's rule
 * (over this workshop's pseudonym for scope `workshop`, over every pseudonym the backpack links for `learner`); then
 * the degrees whose required keys the person holds or is proposed now (repeated until nothing changes, so a degree
 * may need another). An achievement without a rule is only awarded by hand; a rule type nobody registered is skipped.
 * `held` is keyed by the person's `participantId` (what they hold already, pending or confirmed, in this workshop or
 * through their backpack). A degree's count is the length of its path; its evidence, that of the steps proposed now.
 */
export function proposeAwards(
	achievements: readonly AchievementInput[],
	rules: Readonly<Record<string, RuleFn<RuleParams>>>,
	events: readonly LogEvent[],
	people: readonly PersonInput[],
	held: ReadonlyMap<string, ReadonlySet<string>>
): AwardProposal[] {
	const log = inOrder(events);
	const out: AwardProposal[] = [];
	const evaluate = (a: AchievementInput, p: PersonInput): RuleResult | null => {
		if (!a.rule) return null;
		if (!Object.hasOwn(rules, a.rule.type)) return null;
		const person = new Set(a.scope === 'learner' ? [p.participantId, ...p.personIds] : [p.participantId]);
		return rules[a.rule.type](log, person, a.rule.params ?? {});
	};
	for (const p of people) {
		const has = held.get(p.participantId) ?? new Set<string>();
		const proposed = new Map<string, string[]>();
		for (const a of achievements) {
			if (a.kind !== 'badge' || has.has(a.key) || proposed.has(a.key)) continue;
			const r = evaluate(a, p);
			if (!r?.met) continue;
			proposed.set(a.key, r.evidence);
			out.push({ participantId: p.participantId, achievementId: a.id, count: r.count, evidence: r.evidence });
		}
		const degrees = achievements.filter((a) => a.kind === 'degree' && a.requires.length > 0 && !has.has(a.key));
		for (let changed = true; changed; ) {
			changed = false;
			for (const d of degrees) {
				if (proposed.has(d.key) || !d.requires.every((k) => has.has(k) || proposed.has(k))) continue;
				let own: string[] = [];
				if (d.rule) {
					const r = evaluate(d, p);
					if (!r?.met) continue;
					own = r.evidence;
				}
				const evidence = [...new Set([...d.requires.flatMap((k) => proposed.get(k) ?? []), ...own])];
				proposed.set(d.key, evidence);
				out.push({ participantId: p.participantId, achievementId: d.id, count: d.requires.length, evidence });
				changed = true;
			}
		}
	}
	return out;
}

/** The message that says why, for a rule type (`badge_why_<type>`, with `{count}`); a degree's is `badge_why_degree`. */
export function whyMessageKey(ruleType: string | null): string {
	return ruleType === null ? 'badge_why_degree' : `badge_why_${ruleType}`;
}
