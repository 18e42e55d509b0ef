/**
 * The badge model's pure vocabulary (docs/ARCHITECTURE.md, "Badges and the CV", "The award rules"). Rules are pure
 * functions over the participation log; their parameters, and the achievements that use them, are data. No I/O here.
 */

/** One row of the participation log as the rules read it (`participation_events`, payload parsed). */
export interface LogEvent {
	seq: number;
	workshopId: string;
	activityId: string | null;
	kind: string;
	subjectId: string | null;
	ownerId: string | null;
	actorRole: 'facilitator' | 'participant';
	actorId: string;
	payload: Record<string, unknown>;
	at: number;
}

/** What a rule found for one person: whether it is met, the count it compared (the "why" line's number) and the subjects behind it. */
export interface RuleResult {
	met: boolean;
	count: number;
	/** Ids of the subjects (cards, items, proposals, activities ...) whose events made the count, each once. */
	evidence: string[];
}

/** A rule's parameters as stored (JSON): thresholds, names of kinds or types. */
export type RuleParams = Record<string, number | string | string[]>;

/**
 * A rule: the log (in `seq` order), the participant ids of one person (one in a workshop; several across workshops
 * for a learner whose backpack links them), its parameters. Pure; a parameter it cannot use makes it not met, never
 * throws.
 */
export type RuleFn<P = RuleParams> = (events: readonly LogEvent[], person: ReadonlySet<string>, params: P) => RuleResult;

/** A rule as data: its type (a key of the rules registry) and parameters. */
export interface RuleDef {
	type: string;
	params: RuleParams;
}

/** A text in the three languages of the UI. */
export interface Texts {
	de: string;
	en: string;
	fr: string;
}

/** An ESCO skill an achievement is aligned to (only URIs that exist in ESCO). */
export interface Alignment {
	targetName: string;
	targetUrl: string;
	targetFramework: 'ESCO';
}

/**
 * A starter achievement as shipped by the core or a module; an organisation gets a copy (a row of `achievements`)
 * that it may change. `tier: 'confirm'`: the pending list leaves it unticked until a facilitator ticks it. `scope:
 * 'learner'`: evaluated across the workshops a backpack links (else within one workshop).
 */
export interface AchievementTemplate {
	key: string;
	kind: 'badge' | 'degree';
	name: Texts;
	description: Texts;
	criteria: Texts;
	tags: string[];
	skillArea: string;
	alignment: Alignment[];
	rule: RuleDef | null;
	/** For a degree: the keys of the achievements on its path. */
	requires: string[];
	tier: 'standard' | 'confirm';
	scope: 'workshop' | 'learner';
}

/** What `proposeAwards` needs of an organisation's achievement. */
export interface AchievementInput {
	id: string;
	key: string;
	kind: 'badge' | 'degree';
	rule: RuleDef | null;
	requires: readonly string[];
	scope: 'workshop' | 'learner';
}

/** A person to evaluate: their pseudonym in this workshop, and every pseudonym their backpack links (this one included). */
export interface PersonInput {
	participantId: string;
	personIds: readonly string[];
}

/** A pending award the rules propose: who, what, and why (the count and the subjects behind it). */
export interface AwardProposal {
	participantId: string;
	achievementId: string;
	count: number;
	evidence: string[];
}
