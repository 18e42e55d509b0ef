import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { activities } from '../../../drizzle/schema';
import { awards, challenges, comments, hacks, jurors, members, profiles, scores, teams, votes } from './schema';
import { DEFAULT_HACK_SETTINGS, INTERESTS, PHASES, SKILLS, type Criterion, type HackSettings, type Interest, type Phase, type Skill, type Stage } from '../../../src/lib/features/hackathon/domain';
import type { CeremonyPlace } from '../../../src/lib/features/hackathon/views';
import type { JuryScore } from '../../../src/lib/features/hackathon/ranking';
import type { Db } from '../../db/client';
import { parseJson } from '../../db/damage';
import type { Deps } from '../../deps';

type HackRow = typeof hacks.$inferSelect;
type ActivityRow = typeof activities.$inferSelect;
type TeamRow = typeof teams.$inferSelect;

const isObject = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v);
const isArray = (v: unknown) => Array.isArray(v);
const isStrings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The ceremony as fixed when it starts: the jury places from the last upward, then the audience award. */
export interface CeremonyPlan {
	places: CeremonyPlace[];
	audience: { teamIds: string[]; votes: number } | null;
}

export interface Hack {
	id: string;
	workshopId: string;
	title: string;
	phase: Phase;
	settings: HackSettings;
	stages: Stage[];
	criteria: Criterion[];
	pitchTeamId: string | null;
	pitchStartedAt: number | null;
	judgingClosedAt: number | null;
	votingOpen: boolean;
	votingRevealed: boolean;
	ceremony: CeremonyPlan | null;
	ceremonyStep: number | null;
	showcaseToken: string | null;
	lastMatch: { at: number; joined: number; formed: number; unmatched: number } | null;
}

export interface Challenge {
	id: string;
	hackId: string;
	title: string;
	description: string;
	partner: string;
	hasImage: boolean;
	position: number;
}

/** What the showcase shows of a project: the version the facilitator approved. */
export interface ApprovedProject {
	title: string;
	teamName: string;
	challengeId: string | null;
	description: string;
	codeUrl: string;
	videoUrl: string;
}

export interface Team {
	id: string;
	hackId: string;
	workshopId: string;
	name: string;
	challengeId: string | null;
	stageId: string;
	checked: string[];
	title: string;
	codeUrl: string;
	videoUrl: string;
	submittedAt: number | null;
	approved: ApprovedProject | null;
	approvedAt: number | null;
	changedAt: number | null;
	createdBy: string | null;
	createdAt: number;
}

export interface Member {
	teamId: string;
	participantId: string;
	showcase: boolean;
	showName: boolean;
	joinedAt: number;
}

export interface Profile {
	skills: Skill[];
	interests: Interest[];
	tags: string[];
	challenges: string[];
	matchMe: boolean;
}

export interface Juror {
	id: string;
	hackId: string;
	workshopId: string;
	name: string;
	token: string;
	teamIds: string[] | null;
	doneAt: number | null;
}

const stagesOf = (raw: string, id: string) =>
	parseJson<Stage[]>(raw, [], `hack ${id} stages`, isArray).filter((s) => s && typeof s.id === 'string' && typeof s.name === 'string' && isStrings(s.checklist));
const criteriaOf = (raw: string, id: string) =>
	parseJson<Criterion[]>(raw, [], `hack ${id} criteria`, isArray).filter((c) => c && typeof c.id === 'string' && typeof c.name === 'string' && Number.isInteger(c.weight));

function toHack({ h, a }: { h: HackRow; a: ActivityRow }): Hack {
	return {
		id: h.id,
		workshopId: h.workshopId,
		title: a.title,
		phase: (PHASES as readonly string[]).includes(a.phase) ? (a.phase as Phase) : 'setup',
		settings: { ...DEFAULT_HACK_SETTINGS, ...parseJson(h.settings, {}, `hack ${h.id} settings`, isObject) },
		stages: stagesOf(h.stages, h.id),
		criteria: criteriaOf(h.criteria, h.id),
		pitchTeamId: h.pitchTeamId,
		pitchStartedAt: h.pitchStartedAt,
		judgingClosedAt: h.judgingClosedAt,
		votingOpen: h.votingOpen,
		votingRevealed: h.votingRevealed,
		ceremony: h.ceremony ? parseJson<CeremonyPlan | null>(h.ceremony, null, `hack ${h.id} ceremony`, isObject) : null,
		ceremonyStep: h.ceremonyStep,
		showcaseToken: h.showcaseToken,
		lastMatch: h.lastMatch ? parseJson(h.lastMatch, null, `hack ${h.id} match`, isObject) : null
	};
}

function toTeam(r: TeamRow): Team {
	return {
		id: r.id,
		hackId: r.hackId,
		workshopId: r.workshopId,
		name: r.name,
		challengeId: r.challengeId,
		stageId: r.stageId,
		checked: parseJson<string[]>(r.checked, [], `team ${r.id} checked`, isStrings),
		title: r.title,
		codeUrl: r.codeUrl,
		videoUrl: r.videoUrl,
		submittedAt: r.submittedAt,
		approved: r.approved ? parseJson<ApprovedProject | null>(r.approved, null, `team ${r.id} approved`, isObject) : null,
		approvedAt: r.approvedAt,
		changedAt: r.changedAt,
		createdBy: r.createdBy,
		createdAt: r.createdAt
	};
}

const only = <T extends string>(list: readonly T[]) => (v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

/** A team's name as compared for uniqueness: trimmed, one space, NFC, lower case. */
export const teamNameKey = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/** Hackathons, challenges, teams and members, profiles, jurors and scores, votes, awards. Synchronous; joins the caller's transaction. */
export class HackathonRepo {
	private q;

	constructor(private db: Db) {
		const ph = sql.placeholder;
		this.q = {
			hack: db.select({ h: hacks, a: activities }).from(hacks).innerJoin(activities, eq(activities.id, hacks.id)).where(eq(hacks.id, ph('id'))).prepare(),
			hacksOf: db
				.select({ h: hacks, a: activities })
				.from(hacks)
				.innerJoin(activities, eq(activities.id, hacks.id))
				.where(eq(hacks.workshopId, ph('workshopId')))
				.orderBy(asc(activities.position), asc(activities.id))
				.prepare(),
			team: db.select().from(teams).where(eq(teams.id, ph('id'))).prepare(),
			teamSize: db.select({ n: sql<number>`count(*)` }).from(members).where(eq(members.teamId, ph('teamId'))).prepare(),
			teamsOfPerson: db.select({ id: members.teamId }).from(members).where(and(eq(members.hackId, ph('hackId')), eq(members.participantId, ph('participantId')))).prepare(),
			addMember: db
				.insert(members)
				.values({ teamId: ph('teamId'), participantId: ph('participantId'), hackId: ph('hackId'), showcase: false, showName: false, joinedAt: ph('joinedAt') })
				.onConflictDoNothing()
				.prepare(),
			membersOf: db.select().from(members).where(eq(members.teamId, ph('teamId'))).orderBy(asc(members.joinedAt), asc(members.participantId)).prepare(),
			myMemberships: db.select().from(members).where(eq(members.participantId, ph('participantId'))).prepare(),
			vote: db.select().from(votes).where(and(eq(votes.hackId, ph('hackId')), eq(votes.participantId, ph('participantId')))).prepare(),
			addVote: db.insert(votes).values({ hackId: ph('hackId'), participantId: ph('participantId'), teamId: ph('teamId'), createdAt: ph('createdAt') }).onConflictDoNothing().prepare(),
			tally: db.select({ id: votes.teamId, n: sql<number>`count(*)` }).from(votes).where(eq(votes.hackId, ph('hackId'))).groupBy(votes.teamId).prepare(),
			voters: db.select({ n: sql<number>`count(*)` }).from(votes).where(eq(votes.hackId, ph('hackId'))).prepare(),
			myVotes: db.select({ hackId: votes.hackId, teamId: votes.teamId }).from(votes).where(eq(votes.participantId, ph('participantId'))).prepare(),
			myProfiles: db.select().from(profiles).where(eq(profiles.participantId, ph('participantId'))).prepare(),
			jurorByToken: db.select().from(jurors).where(eq(jurors.token, ph('token'))).prepare(),
			juror: db.select().from(jurors).where(eq(jurors.id, ph('id'))).prepare()
		};
	}

	// Hackathons
	hack(id: string): Hack | null {
		const r = this.q.hack.get({ id });
		return r ? toHack(r) : null;
	}
	hacksOf(workshopId: string): Hack[] {
		return this.q.hacksOf.all({ workshopId }).map(toHack);
	}
	insertHack(h: { id: string; workshopId: string; stages: Stage[]; criteria: Criterion[]; now: number }) {
		this.db
			.insert(hacks)
			.values({ id: h.id, workshopId: h.workshopId, settings: JSON.stringify(DEFAULT_HACK_SETTINGS), stages: JSON.stringify(h.stages), criteria: JSON.stringify(h.criteria), createdAt: h.now })
			.run();
	}
	removeHack(id: string) {
		this.db.delete(hacks).where(eq(hacks.id, id)).run();
	}
	updateHack(id: string, set: Partial<{ settings: HackSettings; stages: Stage[]; criteria: Criterion[]; pitchTeamId: string | null; pitchStartedAt: number | null; judgingClosedAt: number | null; votingOpen: boolean; votingRevealed: boolean; ceremony: CeremonyPlan | null; ceremonyStep: number | null; showcaseToken: string | null; lastMatch: Hack['lastMatch'] }>) {
		const row: Partial<typeof hacks.$inferInsert> = {};
		for (const [k, v] of Object.entries(set)) {
			if (k === 'settings' || k === 'stages' || k === 'criteria' || k === 'ceremony' || k === 'lastMatch') (row as Record<string, unknown>)[k] = v === null ? null : JSON.stringify(v);
			else (row as Record<string, unknown>)[k] = v;
		}
		this.db.update(hacks).set(row).where(eq(hacks.id, id)).run();
	}
	byShowcaseToken(token: string): Hack | null {
		const r = this.db.select({ h: hacks, a: activities }).from(hacks).innerJoin(activities, eq(activities.id, hacks.id)).where(eq(hacks.showcaseToken, token)).get();
		return r ? toHack(r) : null;
	}

	// Challenges
	challengesOf(hackId: string): Challenge[] {
		return this.db
			.select({ id: challenges.id, hackId: challenges.hackId, title: challenges.title, description: challenges.description, partner: challenges.partner, position: challenges.position, hasImage: sql<number>`${challenges.image} is not null` })
			.from(challenges)
			.where(eq(challenges.hackId, hackId))
			.orderBy(asc(challenges.position), asc(challenges.id))
			.all()
			.map((c) => ({ ...c, hasImage: !!c.hasImage }));
	}
	insertChallenge(c: Omit<Challenge, 'hasImage'>) {
		this.db.insert(challenges).values(c).run();
	}
	updateChallenge(c: Omit<Challenge, 'hasImage'>) {
		this.db.update(challenges).set({ title: c.title, description: c.description, partner: c.partner, position: c.position }).where(eq(challenges.id, c.id)).run();
	}
	removeChallenge(id: string) {
		this.db.delete(challenges).where(eq(challenges.id, id)).run();
	}
	challengeImage(id: string): { hackId: string; image: Buffer | null; type: string | null } | null {
		const r = this.db.select({ hackId: challenges.hackId, image: challenges.image, type: challenges.imageType }).from(challenges).where(eq(challenges.id, id)).get();
		return r ? { hackId: r.hackId, image: r.image as Buffer | null, type: r.type } : null;
	}
	setChallengeImage(id: string, image: Buffer | null, type: string | null) {
		this.db.update(challenges).set({ image, imageType: type }).where(eq(challenges.id, id)).run();
	}

	// Teams
	team(id: string): Team | null {
		const r = this.q.team.get({ id });
		return r ? toTeam(r) : null;
	}
	teamsOf(hackId: string): Team[] {
		return this.db.select().from(teams).where(eq(teams.hackId, hackId)).orderBy(asc(teams.createdAt), asc(teams.id)).all().map(toTeam);
	}
	/** Inserts a team; false when its name is taken in this hackathon (the unique index decides). */
	insertTeam(t: Team): boolean {
		return (
			this.db
				.insert(teams)
				.values({ ...t, nameKey: teamNameKey(t.name), checked: JSON.stringify(t.checked), approved: t.approved ? JSON.stringify(t.approved) : null })
				.onConflictDoNothing()
				.run().changes > 0
		);
	}
	/** Updates a team; false when a new name is taken. */
	updateTeam(t: Team): boolean {
		const clash = this.db
			.select({ id: teams.id })
			.from(teams)
			.where(and(eq(teams.hackId, t.hackId), eq(teams.nameKey, teamNameKey(t.name))))
			.get();
		if (clash && clash.id !== t.id) return false;
		this.db
			.update(teams)
			.set({
				name: t.name,
				nameKey: teamNameKey(t.name),
				challengeId: t.challengeId,
				stageId: t.stageId,
				checked: JSON.stringify(t.checked),
				title: t.title,
				codeUrl: t.codeUrl,
				videoUrl: t.videoUrl,
				submittedAt: t.submittedAt,
				approved: t.approved ? JSON.stringify(t.approved) : null,
				approvedAt: t.approvedAt,
				changedAt: t.changedAt
			})
			.where(eq(teams.id, t.id))
			.run();
		return true;
	}
	removeTeam(id: string) {
		this.db.delete(teams).where(eq(teams.id, id)).run();
	}
	teamSize(teamId: string): number {
		return this.q.teamSize.get({ teamId })?.n ?? 0;
	}
	teamsOfPerson(hackId: string, participantId: string): string[] {
		return this.q.teamsOfPerson.all({ hackId, participantId }).map((r) => r.id);
	}
	addMember(teamId: string, hackId: string, participantId: string, now: number): boolean {
		return this.q.addMember.run({ teamId, hackId, participantId, joinedAt: now }).changes > 0;
	}
	removeMember(teamId: string, participantId: string): boolean {
		return this.db.delete(members).where(and(eq(members.teamId, teamId), eq(members.participantId, participantId))).run().changes > 0;
	}
	membersOf(teamId: string): Member[] {
		return this.q.membersOf.all({ teamId });
	}
	/** Every membership of a hackathon's teams, in joining order. */
	membersOfHack(hackId: string): Member[] {
		return this.db.select().from(members).where(eq(members.hackId, hackId)).orderBy(asc(members.joinedAt), asc(members.participantId)).all();
	}
	/** Every membership of this participant (all hackathons). */
	membershipsOf(participantId: string): (Member & { hackId: string })[] {
		return this.q.myMemberships.all({ participantId });
	}
	setConsent(teamId: string, participantId: string, showcase: boolean, showName: boolean) {
		this.db.update(members).set({ showcase, showName }).where(and(eq(members.teamId, teamId), eq(members.participantId, participantId))).run();
	}

	// Profiles
	profile(hackId: string, participantId: string): Profile | null {
		const r = this.db.select().from(profiles).where(and(eq(profiles.hackId, hackId), eq(profiles.participantId, participantId))).get();
		return r ? this.toProfile(r) : null;
	}
	private toProfile(r: typeof profiles.$inferSelect): Profile {
		const what = `profile ${r.hackId}/${r.participantId}`;
		return {
			skills: parseJson<string[]>(r.skills, [], what, isStrings).filter(only(SKILLS)),
			interests: parseJson<string[]>(r.interests, [], what, isStrings).filter(only(INTERESTS)),
			tags: parseJson<string[]>(r.tags, [], what, isStrings),
			challenges: parseJson<string[]>(r.challenges, [], what, isStrings),
			matchMe: r.matchMe
		};
	}
	profilesOf(participantId: string): Map<string, Profile> {
		return new Map(this.q.myProfiles.all({ participantId }).map((r) => [r.hackId, this.toProfile(r)]));
	}
	/** Profiles of a hackathon's participants who asked to be matched. */
	matchQueue(hackId: string): { participantId: string; profile: Profile }[] {
		return this.db
			.select()
			.from(profiles)
			.where(and(eq(profiles.hackId, hackId), eq(profiles.matchMe, true)))
			.orderBy(asc(profiles.updatedAt), asc(profiles.participantId))
			.all()
			.map((r) => ({ participantId: r.participantId, profile: this.toProfile(r) }));
	}
	allProfiles(hackId: string): Map<string, Profile> {
		return new Map(this.db.select().from(profiles).where(eq(profiles.hackId, hackId)).all().map((r) => [r.participantId, this.toProfile(r)]));
	}
	saveProfile(hackId: string, participantId: string, p: Profile, now: number) {
		const v = { skills: JSON.stringify(p.skills), interests: JSON.stringify(p.interests), tags: JSON.stringify(p.tags), challenges: JSON.stringify(p.challenges), matchMe: p.matchMe, updatedAt: now };
		this.db
			.insert(profiles)
			.values({ hackId, participantId, ...v })
			.onConflictDoUpdate({ target: [profiles.hackId, profiles.participantId], set: v })
			.run();
	}
	setMatchMe(hackId: string, participantIds: string[], matchMe: boolean) {
		if (participantIds.length) this.db.update(profiles).set({ matchMe }).where(and(eq(profiles.hackId, hackId), inArray(profiles.participantId, participantIds))).run();
	}

	// Jurors and scores
	jurorsOf(hackId: string): Juror[] {
		return this.db.select().from(jurors).where(eq(jurors.hackId, hackId)).orderBy(asc(jurors.createdAt), asc(jurors.id)).all().map((r) => this.toJuror(r));
	}
	juror(id: string): Juror | null {
		const r = this.q.juror.get({ id });
		return r ? this.toJuror(r) : null;
	}
	jurorByToken(token: string): Juror | null {
		const r = this.q.jurorByToken.get({ token });
		return r ? this.toJuror(r) : null;
	}
	private toJuror(r: typeof jurors.$inferSelect): Juror {
		return { id: r.id, hackId: r.hackId, workshopId: r.workshopId, name: r.name, token: r.token, teamIds: r.teamIds === null ? null : parseJson<string[]>(r.teamIds, [], `juror ${r.id}`, isStrings), doneAt: r.doneAt };
	}
	insertJuror(j: Juror, now: number) {
		this.db.insert(jurors).values({ ...j, teamIds: j.teamIds === null ? null : JSON.stringify(j.teamIds), createdAt: now }).run();
	}
	updateJuror(j: Juror) {
		this.db.update(jurors).set({ name: j.name, token: j.token, teamIds: j.teamIds === null ? null : JSON.stringify(j.teamIds), doneAt: j.doneAt }).where(eq(jurors.id, j.id)).run();
	}
	removeJuror(id: string) {
		this.db.delete(jurors).where(eq(jurors.id, id)).run();
	}
	scoresOf(hackId: string): JuryScore[] {
		return this.db.select({ jurorId: scores.jurorId, teamId: scores.teamId, criterionId: scores.criterionId, value: scores.value }).from(scores).where(eq(scores.hackId, hackId)).all();
	}
	hasScores(hackId: string): boolean {
		return !!this.db.select({ n: sql`1` }).from(scores).where(eq(scores.hackId, hackId)).limit(1).get();
	}
	jurorScores(jurorId: string): JuryScore[] {
		return this.db.select({ jurorId: scores.jurorId, teamId: scores.teamId, criterionId: scores.criterionId, value: scores.value }).from(scores).where(eq(scores.jurorId, jurorId)).all();
	}
	setScores(hackId: string, jurorId: string, teamId: string, values: Record<string, number>, comment: string) {
		this.db.delete(scores).where(and(eq(scores.jurorId, jurorId), eq(scores.teamId, teamId))).run();
		const rows = Object.entries(values).map(([criterionId, value]) => ({ jurorId, teamId, hackId, criterionId, value }));
		if (rows.length) this.db.insert(scores).values(rows).run();
		if (comment) this.db.insert(comments).values({ jurorId, teamId, hackId, comment }).onConflictDoUpdate({ target: [comments.jurorId, comments.teamId], set: { comment } }).run();
		else this.db.delete(comments).where(and(eq(comments.jurorId, jurorId), eq(comments.teamId, teamId))).run();
	}
	commentsOf(hackId: string): { jurorId: string; teamId: string; comment: string }[] {
		return this.db.select({ jurorId: comments.jurorId, teamId: comments.teamId, comment: comments.comment }).from(comments).where(eq(comments.hackId, hackId)).all();
	}

	// The audience vote
	voteOf(hackId: string, participantId: string): string | null {
		return this.q.vote.get({ hackId, participantId })?.teamId ?? null;
	}
	/** Records a vote; false when this participant has voted in this hackathon already (the primary key decides). */
	addVote(hackId: string, participantId: string, teamId: string, now: number): boolean {
		return this.q.addVote.run({ hackId, participantId, teamId, createdAt: now }).changes > 0;
	}
	tally(hackId: string): Record<string, number> {
		return Object.fromEntries(this.q.tally.all({ hackId }).map((r) => [r.id, r.n]));
	}
	voters(hackId: string): number {
		return this.q.voters.get({ hackId })?.n ?? 0;
	}
	/** Who voted for this team. */
	votersFor(teamId: string): string[] {
		return this.db.select({ id: votes.participantId }).from(votes).where(eq(votes.teamId, teamId)).all().map((r) => r.id);
	}
	votesOf(participantId: string): { hackId: string; teamId: string }[] {
		return this.q.myVotes.all({ participantId });
	}

	// Awards
	awardsOf(hackId: string): { teamId: string; kind: 'jury' | 'audience'; place: number | null }[] {
		return this.db.select({ teamId: awards.teamId, kind: awards.kind, place: awards.place }).from(awards).where(eq(awards.hackId, hackId)).all();
	}
	/** Records an award once; false when it was already recorded. */
	addAward(hackId: string, teamId: string, kind: 'jury' | 'audience', place: number | null, now: number): boolean {
		return this.db.insert(awards).values({ hackId, teamId, kind, place, createdAt: now }).onConflictDoNothing().run().changes > 0;
	}

	/** Erases a participant's hackathon traces in a workshop: memberships, profiles, votes. Returns the teams and hackathons touched. */
	forgetParticipant(workshopId: string, participantId: string): { teams: string[]; hacks: string[] } {
		const hackIds = this.hacksOf(workshopId).map((h) => h.id);
		if (!hackIds.length) return { teams: [], hacks: [] };
		const teamIds = this.membershipsOf(participantId).filter((x) => hackIds.includes(x.hackId)).map((x) => x.teamId);
		this.db.delete(members).where(and(eq(members.participantId, participantId), inArray(members.hackId, hackIds))).run();
		this.db.delete(profiles).where(and(eq(profiles.participantId, participantId), inArray(profiles.hackId, hackIds))).run();
		this.db.delete(votes).where(and(eq(votes.participantId, participantId), inArray(votes.hackId, hackIds))).run();
		return { teams: teamIds, hacks: hackIds };
	}

	/** Per participant of a workshop: the hackathon teams they are in. */
	peopleCounts(workshopId: string): Map<string, number> {
		const rows = this.db
			.select({ id: members.participantId, n: sql<number>`count(*)` })
			.from(members)
			.innerJoin(hacks, eq(hacks.id, members.hackId))
			.where(eq(hacks.workshopId, workshopId))
			.groupBy(members.participantId)
			.all();
		return new Map(rows.map((r) => [r.id, r.n]));
	}
}

const cache = new WeakMap<Db, HackathonRepo>();
/** The hackathon's repository on this database (one per connection, its statements prepared once). */
export function hackathonRepo(deps: Pick<Deps, 'db'>): HackathonRepo {
	let r = cache.get(deps.db);
	if (!r) cache.set(deps.db, (r = new HackathonRepo(deps.db)));
	return r;
}
