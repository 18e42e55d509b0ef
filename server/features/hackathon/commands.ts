import { m } from '../../../src/lib/paraglide/messages.js';
import {
	beforeDeadline,
	canFormTeams,
	canWork,
	CHALLENGE_TITLE_MAX_LENGTH,
	checkSizes,
	cleanLabel,
	cleanLink,
	cleanTags,
	cleanTeamName,
	cleanText,
	COMMENT_MAX_LENGTH,
	joinRefusal,
	MAX_CHALLENGES,
	MAX_JURORS,
	MAX_TEAMS,
	PARTNER_MAX_LENGTH,
	validScore,
	IMAGE_MAX_BYTES,
	isImageOf,
	type Criterion,
	type Stage
} from '../../../src/lib/features/hackathon/domain';
import type { HackathonCommands, HackathonResults } from '../../../src/lib/features/hackathon/spec';
import { matchTeams } from '../../../src/lib/features/hackathon/matching';
import { ceremonySteps as revealOrder } from '../../../src/lib/features/hackathon/ranking';
import { ok, refuse, type Result } from '../../../src/lib/domain/result';
import type { PayloadOf } from '../../../src/lib/activities/spec';
import type { CommandContext } from '../../realtime/modules';
import type { Deps } from '../../deps';
import { newId, newToken } from '../../ids';
import { localeOf } from '../../services';
import { hackathonRepo, type Hack, type Juror, type Team } from './repo';
import { assignedTeams, BUCKET, ceremonySteps, ranking } from './views';

type ErrorCode = string;
type Handlers = { [C in keyof HackathonCommands]: (ctx: CommandContext, p: PayloadOf<HackathonCommands[C]>) => Result<HackathonResults[C], string> };

const isStaff = (ctx: CommandContext) => ctx.actor.role === 'facilitator';

/** The hackathon of this workshop with this id; for a participant only while it is the active activity. */
function hackOf(ctx: CommandContext, id: string): Result<Hack, ErrorCode> {
	const a = ctx.activity(id, 'hackathon');
	if (!a.ok) return a;
	const h = hackathonRepo(ctx.deps).hack(id);
	return h ? ok(h) : refuse('not_found');
}

/** A team of this workshop with its hackathon (a forged or stale id is `not_found`). */
function teamOf(ctx: CommandContext, id: string): Result<{ team: Team; hack: Hack }, ErrorCode> {
	const t = hackathonRepo(ctx.deps).team(id);
	if (!t || t.workshopId !== ctx.workshop.id) return refuse('not_found');
	const h = hackOf(ctx, t.hackId);
	return h.ok ? ok({ team: t, hack: h.value }) : h;
}

/** The team, when the sender is one of its members (or staff, where the staff may act too). */
function memberTeam(ctx: CommandContext, id: string, staffToo: boolean): Result<{ team: Team; hack: Hack; memberIds: string[] }, ErrorCode> {
	const t = teamOf(ctx, id);
	if (!t.ok) return t;
	const memberIds = hackathonRepo(ctx.deps).membersOf(t.value.team.id).map((x) => x.participantId);
	if (isStaff(ctx) ? !staffToo : !memberIds.includes(ctx.actor.id)) return refuse(isStaff(ctx) ? 'forbidden' : 'not_in_team');
	return ok({ ...t.value, memberIds });
}

/** A team changed: the room's maps, and the personal state of its members. */
function touchTeam(ctx: CommandContext, teamId: string, memberIds: string[]) {
	ctx.dirty.mark(BUCKET.teams, teamId);
	for (const id of memberIds) ctx.dirty.touchMe(id);
}

/** A project's content changed: once approved for the showcase, the showcase keeps the approved version until approved again. */
function projectChanged(t: Team, now: number): Team {
	return t.approvedAt !== null ? { ...t, changedAt: now } : t;
}

function joined(ctx: CommandContext, hackId: string, teamId: string, who: string, matched: boolean) {
	ctx.events.push({ kind: 'hackathon.team.joined', activityId: hackId, subjectId: teamId, ownerId: who, payload: { matched } });
}

function label(input: string, max?: number): Result<string, ErrorCode> {
	return cleanLabel(input, max);
}

/** An optional project title: empty is fine. */
function optionalLabel(input: string): Result<string, ErrorCode> {
	return input.trim() ? cleanLabel(input) : ok('');
}

/** A new team's default name, free in this hackathon ("Team 7"). */
function freeTeamName(ctx: CommandContext, hackId: string, taken: Set<string>): string {
	const o = { locale: localeOf(ctx.workshop.locale) };
	for (let n = taken.size + 1; ; n++) {
		const name = m.hk_team_default_name({ n }, o);
		if (!taken.has(name.toLowerCase())) return name;
	}
}

/** The default stages and rubric of a new hackathon, in the workshop's language. */
export function defaultSetup(locale: string): { stages: Stage[]; criteria: Criterion[] } {
	const o = { locale: localeOf(locale) };
	const stages: Stage[] = [
		{ id: newId(), name: m.hk_stage_idea({}, o), checklist: [m.hk_check_idea_1({}, o), m.hk_check_idea_2({}, o)] },
		{ id: newId(), name: m.hk_stage_sketched({}, o), checklist: [m.hk_check_sketched_1({}, o), m.hk_check_sketched_2({}, o)] },
		{ id: newId(), name: m.hk_stage_prototype({}, o), checklist: [m.hk_check_prototype_1({}, o), m.hk_check_prototype_2({}, o)] },
		{ id: newId(), name: m.hk_stage_demo({}, o), checklist: [m.hk_check_demo_1({}, o), m.hk_check_demo_2({}, o)] }
	];
	const criteria: Criterion[] = [
		{ id: newId(), name: m.hk_criterion_idea({}, o), weight: 2 },
		{ id: newId(), name: m.hk_criterion_execution({}, o), weight: 2 },
		{ id: newId(), name: m.hk_criterion_impact({}, o), weight: 1 },
		{ id: newId(), name: m.hk_criterion_pitch({}, o), weight: 1 }
	];
	return { stages, criteria };
}

/** The project's co-edited text now (the live document when it is being edited). */
export function projectText(deps: Deps, workshopId: string, hackId: string, teamId: string): string {
	const entity = `${hackId}.${teamId}`;
	return deps.notifier.texts(deps.repos.texts.snapshotsOf(workshopId, entity), workshopId, entity).get(entity) ?? '';
}

/** A juror of this hackathon's workshop, by the actor of a jury command. */
function jurorOf(ctx: CommandContext): Result<Juror, ErrorCode> {
	if ((ctx.actor.role as string) !== 'juror') return refuse('forbidden');
	const j = hackathonRepo(ctx.deps).juror(ctx.actor.id);
	return j && j.workshopId === ctx.workshop.id ? ok(j) : refuse('not_juror');
}

/** When every juror is done, judging closes by itself. */
function closeWhenAllDone(ctx: CommandContext, h: Hack) {
	const repo = hackathonRepo(ctx.deps);
	const all = repo.jurorsOf(h.id);
	if (all.length && all.every((j) => j.doneAt !== null) && h.judgingClosedAt === null) {
		repo.updateHack(h.id, { judgingClosedAt: ctx.now });
		ctx.dirty.mark(BUCKET.hacks, h.id);
	}
}

/** Records the awards a ceremony step reveals (once each) with their participation events, one per member. */
function recordAwards(ctx: CommandContext, h: Hack, step: number) {
	const repo = hackathonRepo(ctx.deps);
	if (!h.ceremony) return;
	const places = h.ceremony.places;
	const award = (teamId: string, kind: 'jury' | 'audience', place: number | null, payload: Record<string, number>) => {
		if (!repo.team(teamId) || !repo.addAward(h.id, teamId, kind, place, ctx.now)) return;
		for (const mem of repo.membersOf(teamId))
			ctx.events.push({ kind: kind === 'jury' ? 'hackathon.jury.awarded' : 'hackathon.audience.awarded', activityId: h.id, subjectId: teamId, ownerId: mem.participantId, payload });
	};
	if (step >= 1 && step <= places.length) {
		const p = places[step - 1];
		// Jury prizes are the first three places; the places below are revealed but are no award.
		if (p.place <= 3) for (const id of p.teamIds) award(id, 'jury', p.place, { place: p.place });
	} else if (step === places.length + 1 && h.ceremony.audience) {
		for (const id of h.ceremony.audience.teamIds) award(id, 'audience', null, { votes: h.ceremony.audience.votes });
	}
}

export const handlers: Handlers = {
	'hackathon:settings'(ctx, p) {
		const h = hackOf(ctx, p.activityId);
		if (!h.ok) return h;
		const settings = { ...h.value.settings, ...p.settings };
		const sizes = checkSizes(settings.minTeamSize, settings.maxTeamSize);
		if (!sizes.ok) return sizes;
		hackathonRepo(ctx.deps).updateHack(h.value.id, { settings });
		ctx.events.push({
			kind: 'hackathon.settings.changed',
			activityId: h.value.id,
			subjectId: h.value.id,
			payload: Object.fromEntries(Object.entries(p.settings).map(([k, v]) => [k, v ?? null]))
		});
		ctx.dirty.mark(BUCKET.hacks, h.value.id);
		return ok({ activityId: h.value.id });
	},

	'hackathon:challenges'(ctx, p) {
		const h = hackOf(ctx, p.activityId);
		if (!h.ok) return h;
		const repo = hackathonRepo(ctx.deps);
		const list = repo.challengesOf(h.value.id);
		const op = p.op;
		const fields = (f: { title?: string; description?: string; partner?: string }, base: { title: string; description: string; partner: string }) => {
			const title = f.title === undefined ? ok(base.title) : label(f.title, CHALLENGE_TITLE_MAX_LENGTH);
			if (!title.ok) return title;
			const partner = f.partner === undefined ? ok(base.partner) : f.partner.trim() ? label(f.partner, PARTNER_MAX_LENGTH) : ok('');
			if (!partner.ok) return partner;
			const description = f.description === undefined ? ok(base.description) : cleanText(f.description);
			if (!description.ok) return description;
			return ok({ title: title.value, partner: partner.value, description: description.value });
		};
		let challengeId: string;
		if (op.type === 'add') {
			if (list.length >= MAX_CHALLENGES) return refuse('too_many_challenges');
			const f = fields(op, { title: '', description: '', partner: '' });
			if (!f.ok) return f;
			challengeId = newId();
			repo.insertChallenge({ id: challengeId, hackId: h.value.id, ...f.value, position: (list.at(-1)?.position ?? 0) + 1 });
		} else {
			const c = list.find((x) => x.id === op.challengeId);
			if (!c) return refuse('unknown_challenge');
			challengeId = c.id;
			if (op.type === 'update') {
				const f = fields(op, c);
				if (!f.ok) return f;
				repo.updateChallenge({ ...c, ...f.value });
			} else if (op.type === 'move') {
				const rest = list.filter((x) => x.id !== c.id);
				rest.splice(Math.min(op.toIndex, rest.length), 0, c);
				rest.forEach((x, i) => x.position !== i + 1 && repo.updateChallenge({ ...x, position: i + 1 }));
			} else if (op.type === 'image') {
				if (op.image === null) repo.setChallengeImage(c.id, null, null);
				else {
					const bytes = Buffer.from(op.image.base64, 'base64');
					if (bytes.length > IMAGE_MAX_BYTES || !isImageOf(op.image.type, bytes)) return refuse('bad_image');
					repo.setChallengeImage(c.id, bytes, op.image.type);
				}
			} else {
				// Teams that chose it keep working, without a challenge.
				for (const t of repo.teamsOf(h.value.id).filter((t) => t.challengeId === c.id)) {
					repo.updateTeam({ ...t, challengeId: null });
					ctx.dirty.mark(BUCKET.teams, t.id);
				}
				repo.removeChallenge(c.id);
			}
		}
		ctx.events.push({ kind: 'hackathon.challenges.changed', activityId: h.value.id, subjectId: challengeId, payload: { op: op.type } });
		ctx.dirty.mark(BUCKET.hacks, h.value.id);
		return ok({ activityId: h.value.id, challengeId });
	},

	'hackathon:stages'(ctx, p) {
		const h = hackOf(ctx, p.activityId);
		if (!h.ok) return h;
		const repo = hackathonRepo(ctx.deps);
		const known = new Set(h.value.stages.map((s) => s.id));
		const stages: Stage[] = [];
		for (const s of p.stages) {
			const name = label(s.name);
			if (!name.ok) return name;
			const checklist: string[] = [];
			for (const item of s.checklist) {
				if (!item.trim()) continue;
				const c = label(item);
				if (!c.ok) return c;
				checklist.push(c.value);
			}
			const id = s.id && known.has(s.id) && !stages.some((x) => x.id === s.id) ? s.id : newId();
			stages.push({ id, name: name.value, checklist });
		}
		repo.updateHack(h.value.id, { stages });
		// Teams at a stage that is gone start again at the first; ticks of items that are gone go.
		const byId = new Map(stages.map((s) => [s.id, s]));
		for (const t of repo.teamsOf(h.value.id)) {
			const stageId = byId.has(t.stageId) ? t.stageId : stages[0].id;
			const checked = t.checked.filter((c) => {
				const [sid, i] = c.split(':');
				return (byId.get(sid)?.checklist.length ?? 0) > Number(i);
			});
			if (stageId !== t.stageId || checked.length !== t.checked.length) {
				repo.updateTeam({ ...t, stageId, checked });
				ctx.dirty.mark(BUCKET.teams, t.id);
			}
		}
		ctx.events.push({ kind: 'hackathon.stages.changed', activityId: h.value.id, subjectId: h.value.id, payload: { stages: stages.length } });
		ctx.dirty.mark(BUCKET.hacks, h.value.id);
		return ok({ activityId: h.value.id });
	},

	'hackathon:rubric'(ctx, p) {
		const h = hackOf(ctx, p.activityId);
		if (!h.ok) return h;
		const repo = hackathonRepo(ctx.deps);
		if (repo.hasScores(h.value.id)) return refuse('rubric_locked');
		const known = new Set(h.value.criteria.map((c) => c.id));
		const criteria: Criterion[] = [];
		for (const c of p.criteria) {
			const name = label(c.name);
			if (!name.ok) return name;
			criteria.push({ id: c.id && known.has(c.id) && !criteria.some((x) => x.id === c.id) ? c.id : newId(), name: name.value, weight: c.weight });
		}
		repo.updateHack(h.value.id, { criteria });
		ctx.events.push({ kind: 'hackathon.rubric.changed', activityId: h.value.id, subjectId: h.value.id, payload: { criteria: criteria.length } });
		ctx.dirty.mark(BUCKET.hacks, h.value.id);
		return ok({ activityId: h.value.id });
	},

	'hackathon:jurors'(ctx, p) {
		const h = hackOf(ctx, p.activityId);
		if (!h.ok) return h;
		const repo = hackathonRepo(ctx.deps);
		const op = p.op;
		const teamIds = (ids: string[] | null | undefined): Result<string[] | null, ErrorCode> => {
			if (ids === null || ids === undefined) return ok(null);
			const mine = new Set(repo.teamsOf(h.value.id).map((t) => t.id));
			const list = [...new Set(ids)];
			return list.every((id) => mine.has(id)) ? ok(list) : refuse('not_found');
		};
		let jurorId: string;
		if (op.type === 'add') {
			if (repo.jurorsOf(h.value.id).length >= MAX_JURORS) return refuse('too_many_jurors');
			const name = label(op.name);
			if (!name.ok) return name;
			const group = teamIds(op.teamIds);
			if (!group.ok) return group;
			jurorId = newId();
			repo.insertJuror({ id: jurorId, hackId: h.value.id, workshopId: ctx.workshop.id, name: name.value, token: newToken(), teamIds: group.value, doneAt: null }, ctx.now);
		} else {
			const j = repo.juror(op.jurorId);
			if (!j || j.hackId !== h.value.id) return refuse('not_found');
			jurorId = j.id;
			if (op.type === 'update') {
				const name = op.name === undefined ? ok(j.name) : label(op.name);
				if (!name.ok) return name;
				const group = op.teamIds === undefined ? ok(j.teamIds) : teamIds(op.teamIds);
				if (!group.ok) return group;
				repo.updateJuror({ ...j, name: name.value, teamIds: group.value });
			} else if (op.type === 'renew') repo.updateJuror({ ...j, token: newToken() });
			else repo.removeJuror(j.id);
		}
		ctx.events.push({ kind: 'hackathon.jurors.changed', activityId: h.value.id, subjectId: jurorId, payload: { op: op.type } });
		ctx.dirty.mark(BUCKET.hacks, h.value.id);
		return ok({ activityId: h.value.id, jurorId });
	},

	'hackathon:match'(ctx, p) {
		const h = hackOf(ctx, p.activityId);
		if (!h.ok) return h;
		const hack = h.value;
		const repo = hackathonRepo(ctx.deps);
		const { maxTeamSize: max, minTeamSize: min, multiTeam } = hack.settings;
		const teams = repo.teamsOf(hack.id);
		const members = repo.membersOfHack(hack.id);
		const inTeam = new Set(members.map((x) => x.participantId));
		const live = (id: string) => {
			const row = ctx.deps.repos.workshops.participantRow(id);
			return !!row && row.workshopId === ctx.workshop.id && row.removedAt === null;
		};
		const queue = repo.matchQueue(hack.id).filter((q) => (multiTeam || !inTeam.has(q.participantId)) && live(q.participantId));
		if (!queue.length) return refuse('nothing_to_match');
		const profiles = repo.allProfiles(hack.id);
		const challengeIds = repo.challengesOf(hack.id).map((c) => c.id);
		const byTeam = new Map<string, string[]>();
		for (const x of members) byTeam.set(x.teamId, [...(byTeam.get(x.teamId) ?? []), x.participantId]);
		const open = teams.filter((t) => (byTeam.get(t.id)?.length ?? 0) < max && (byTeam.get(t.id)?.length ?? 0) > 0);
		const result = matchTeams({
			people: queue.map((q) => ({ id: q.participantId, skills: q.profile.skills, interests: q.profile.interests, challenges: q.profile.challenges.filter((c) => challengeIds.includes(c)) })),
			teams: open
				.filter((t) => !queue.some((q) => byTeam.get(t.id)?.includes(q.participantId)))
				.map((t) => ({ id: t.id, challengeId: t.challengeId, members: (byTeam.get(t.id) ?? []).map((id) => ({ skills: profiles.get(id)?.skills ?? [], interests: profiles.get(id)?.interests ?? [] })) })),
			challengeIds,
			min,
			max,
			seed: p.seed ?? (ctx.now % 2 ** 31)
		});
		// What matching decided is applied under the same rules as a tap on "Join": the size limit is checked again here.
		const placed: string[] = [];
		let joinedCount = 0;
		for (const j of result.joins) {
			const t = teams.find((x) => x.id === j.teamId);
			if (!t || repo.teamSize(t.id) >= max || !repo.addMember(t.id, hack.id, j.personId, ctx.now)) continue;
			joined(ctx, hack.id, t.id, j.personId, true);
			placed.push(j.personId);
			joinedCount++;
			touchTeam(ctx, t.id, [j.personId]);
		}
		const taken = new Set(teams.map((t) => t.name.toLowerCase()));
		let formed = 0;
		for (const nt of result.newTeams) {
			if (teams.length + formed >= MAX_TEAMS) break;
			const ids = nt.memberIds.slice(0, max);
			if (!ids.length) continue;
			const name = freeTeamName(ctx, hack.id, taken);
			taken.add(name.toLowerCase());
			const team: Team = {
				id: newId(),
				hackId: hack.id,
				workshopId: ctx.workshop.id,
				name,
				challengeId: nt.challengeId && challengeIds.includes(nt.challengeId) ? nt.challengeId : null,
				stageId: hack.stages[0]?.id ?? '',
				checked: [],
				title: '',
				codeUrl: '',
				videoUrl: '',
				submittedAt: null,
				approved: null,
				approvedAt: null,
				changedAt: null,
				createdBy: null,
				createdAt: ctx.now + formed
			};
			if (!repo.insertTeam(team)) continue;
			formed++;
			ctx.events.push({ kind: 'hackathon.team.created', activityId: hack.id, subjectId: team.id, ownerId: null, payload: { matched: true } });
			for (const id of ids) {
				repo.addMember(team.id, hack.id, id, ctx.now);
				joined(ctx, hack.id, team.id, id, true);
				placed.push(id);
			}
			touchTeam(ctx, team.id, ids);
		}
		repo.setMatchMe(hack.id, placed, false);
		for (const id of new Set([...placed, ...result.unmatched])) ctx.dirty.touchMe(id);
		const unmatched = queue.length - new Set(placed).size;
		repo.updateHack(hack.id, { lastMatch: { at: ctx.now, joined: joinedCount, formed, unmatched } });
		ctx.events.push({ kind: 'hackathon.teams.matched', activityId: hack.id, subjectId: hack.id, payload: { joined: joinedCount, formed, unmatched } });
		ctx.dirty.mark(BUCKET.hacks, hack.id);
		return ok({ activityId: hack.id, joined: joinedCount, formed, unmatched });
	},

	'hackathon:pitch'(ctx, p) {
		const h = hackOf(ctx, p.activityId);
		if (!h.ok) return h;
		const repo = hackathonRepo(ctx.deps);
		if (p.teamId !== null) {
			const t = repo.team(p.teamId);
			if (!t || t.hackId !== h.value.id) return refuse('not_found');
			for (const mem of repo.membersOf(t.id)) ctx.events.push({ kind: 'hackathon.team.pitched', activityId: h.value.id, subjectId: t.id, ownerId: mem.participantId });
		}
		repo.updateHack(h.value.id, { pitchTeamId: p.teamId, pitchStartedAt: p.teamId ? ctx.now : null });
		ctx.dirty.mark(BUCKET.hacks, h.value.id);
		return ok({ activityId: h.value.id, teamId: p.teamId });
	},

	'hackathon:judging'(ctx, p) {
		const h = hackOf(ctx, p.activityId);
		if (!h.ok) return h;
		hackathonRepo(ctx.deps).updateHack(h.value.id, { judgingClosedAt: p.closed ? (h.value.judgingClosedAt ?? ctx.now) : null });
		ctx.events.push({ kind: 'hackathon.judging.changed', activityId: h.value.id, subjectId: h.value.id, payload: { closed: p.closed } });
		ctx.dirty.mark(BUCKET.hacks, h.value.id);
		return ok({ activityId: h.value.id, closed: p.closed });
	},

	'hackathon:voting'(ctx, p) {
		const h = hackOf(ctx, p.activityId);
		if (!h.ok) return h;
		const open = p.open ?? h.value.votingOpen;
		const revealed = p.revealed ?? h.value.votingRevealed;
		hackathonRepo(ctx.deps).updateHack(h.value.id, { votingOpen: open, votingRevealed: revealed });
		ctx.events.push({ kind: 'hackathon.voting.changed', activityId: h.value.id, subjectId: h.value.id, payload: { open, revealed } });
		ctx.dirty.mark(BUCKET.hacks, h.value.id);
		ctx.dirty.tallies.add(h.value.id);
		return ok({ activityId: h.value.id, open, revealed });
	},

	'hackathon:ceremony'(ctx, p) {
		const h = hackOf(ctx, p.activityId);
		if (!h.ok) return h;
		const repo = hackathonRepo(ctx.deps);
		let hack = h.value;
		if (p.action === 'start') {
			if (hack.judgingClosedAt === null) return refuse('ceremony_not_ready');
			const teams = repo.teamsOf(hack.id);
			// Shared places reveal together, from the last place upward.
			const places = revealOrder(ranking(repo, hack, teams));
			const tally = repo.tally(hack.id);
			const top = Math.max(0, ...Object.values(tally));
			const audience = top > 0 ? { teamIds: Object.keys(tally).filter((id) => tally[id] === top), votes: top } : null;
			hack = { ...hack, ceremony: { places, audience }, ceremonyStep: 0 };
		} else {
			if (!hack.ceremony || hack.ceremonyStep === null) return refuse('ceremony_not_ready');
			const step = Math.max(0, Math.min(ceremonySteps(hack), hack.ceremonyStep + (p.action === 'next' ? 1 : -1)));
			if (p.action === 'next' && step > hack.ceremonyStep) recordAwards(ctx, hack, step);
			hack = { ...hack, ceremonyStep: step };
		}
		repo.updateHack(hack.id, { ceremony: hack.ceremony, ceremonyStep: hack.ceremonyStep });
		ctx.events.push({ kind: 'hackathon.ceremony.stepped', activityId: hack.id, subjectId: hack.id, payload: { action: p.action, step: hack.ceremonyStep } });
		ctx.dirty.mark(BUCKET.hacks, hack.id);
		return ok({ activityId: hack.id, step: hack.ceremonyStep ?? 0, steps: ceremonySteps(hack) });
	},

	'hackathon:showcase'(ctx, p) {
		const a = ctx.deps.repos.activities.get(p.activityId);
		if (!a || a.workshopId !== ctx.workshop.id || a.type !== 'hackathon') return refuse('not_found');
		const repo = hackathonRepo(ctx.deps);
		const hack = repo.hack(a.id);
		if (!hack) return refuse('not_found');
		const op = p.op;
		if (op.type === 'publish') repo.updateHack(hack.id, { showcaseToken: hack.showcaseToken ?? newToken() });
		else if (op.type === 'unpublish') repo.updateHack(hack.id, { showcaseToken: null });
		else if (op.type === 'renew') {
			if (!hack.showcaseToken) return refuse('showcase_off');
			repo.updateHack(hack.id, { showcaseToken: newToken() });
		} else {
			const t = repo.team(op.teamId);
			if (!t || t.hackId !== hack.id) return refuse('not_found');
			if (op.type === 'approve') {
				const approved = { title: t.title, teamName: t.name, challengeId: t.challengeId, description: projectText(ctx.deps, ctx.workshop.id, hack.id, t.id), codeUrl: t.codeUrl, videoUrl: t.videoUrl };
				repo.updateTeam({ ...t, approved, approvedAt: ctx.now, changedAt: null });
			} else repo.updateTeam({ ...t, approved: null, approvedAt: null, changedAt: null });
			ctx.dirty.mark(BUCKET.teams, t.id);
		}
		ctx.events.push({ kind: 'hackathon.showcase.changed', activityId: hack.id, subjectId: op.type === 'approve' || op.type === 'hide' ? op.teamId : hack.id, payload: { op: op.type } });
		ctx.dirty.mark(BUCKET.hacks, hack.id);
		return ok({ activityId: hack.id });
	},

	'hackathon:profile'(ctx, p) {
		const h = hackOf(ctx, p.activityId);
		if (!h.ok) return h;
		const hack = h.value;
		if (hack.phase !== 'setup' && !canFormTeams(hack.phase)) return refuse('teams_closed');
		const repo = hackathonRepo(ctx.deps);
		const tags = cleanTags(p.tags);
		if (!tags.ok) return tags;
		const challengeIds = new Set(repo.challengesOf(hack.id).map((c) => c.id));
		// Someone in a team (where one team is the rule) has no team to be matched into.
		const inTeam = repo.teamsOfPerson(hack.id, ctx.actor.id).length > 0;
		const matchMe = p.matchMe && (hack.settings.multiTeam || !inTeam);
		repo.saveProfile(
			hack.id,
			ctx.actor.id,
			{ skills: [...new Set(p.skills)], interests: [...new Set(p.interests)], tags: tags.value, challenges: [...new Set(p.challenges)].filter((c) => challengeIds.has(c)), matchMe },
			ctx.now
		);
		ctx.events.push({ kind: 'hackathon.profile.saved', activityId: hack.id, subjectId: hack.id, ownerId: ctx.actor.id, payload: { skills: p.skills.length, interests: p.interests.length, matchMe } });
		ctx.dirty.touchMe(ctx.actor.id);
		ctx.dirty.mark(BUCKET.hacks, hack.id);
		return ok({ activityId: hack.id });
	},

	'team:create'(ctx, p) {
		const h = hackOf(ctx, p.activityId);
		if (!h.ok) return h;
		const hack = h.value;
		if (!canFormTeams(hack.phase)) return refuse('teams_closed');
		const repo = hackathonRepo(ctx.deps);
		const name = cleanTeamName(p.name);
		if (!name.ok) return name;
		if (p.challengeId !== null && !repo.challengesOf(hack.id).some((c) => c.id === p.challengeId)) return refuse('unknown_challenge');
		if (!hack.settings.multiTeam && repo.teamsOfPerson(hack.id, ctx.actor.id).length) return refuse('already_in_team');
		if (repo.teamsOf(hack.id).length >= MAX_TEAMS) return refuse('too_many_teams');
		const team: Team = {
			id: newId(),
			hackId: hack.id,
			workshopId: ctx.workshop.id,
			name: name.value,
			challengeId: p.challengeId,
			stageId: hack.stages[0]?.id ?? '',
			checked: [],
			title: '',
			codeUrl: '',
			videoUrl: '',
			submittedAt: null,
			approved: null,
			approvedAt: null,
			changedAt: null,
			createdBy: ctx.actor.id,
			createdAt: ctx.now
		};
		if (!repo.insertTeam(team)) return refuse('team_name_taken');
		repo.addMember(team.id, hack.id, ctx.actor.id, ctx.now);
		repo.setMatchMe(hack.id, [ctx.actor.id], false);
		ctx.events.push({ kind: 'hackathon.team.created', activityId: hack.id, subjectId: team.id, ownerId: ctx.actor.id, payload: { matched: false } });
		joined(ctx, hack.id, team.id, ctx.actor.id, false);
		touchTeam(ctx, team.id, [ctx.actor.id]);
		ctx.dirty.mark(BUCKET.hacks, hack.id);
		return ok({ teamId: team.id, activityId: hack.id });
	},

	'team:join'(ctx, p) {
		const t = teamOf(ctx, p.teamId);
		if (!t.ok) return t;
		const { team, hack } = t.value;
		if (!canFormTeams(hack.phase)) return refuse('teams_closed');
		const repo = hackathonRepo(ctx.deps);
		// Size and membership are read and written in this one transaction: of many phones tapping "Join" for the last
		// place, the first one's transaction takes it and the next ones read a full team.
		const why = joinRefusal({ id: team.id, size: repo.teamSize(team.id) }, repo.teamsOfPerson(hack.id, ctx.actor.id), hack.settings);
		if (why) return refuse(why);
		repo.addMember(team.id, hack.id, ctx.actor.id, ctx.now);
		const wasQueued = repo.profile(hack.id, ctx.actor.id)?.matchMe ?? false;
		repo.setMatchMe(hack.id, [ctx.actor.id], false);
		joined(ctx, hack.id, team.id, ctx.actor.id, false);
		touchTeam(ctx, team.id, [ctx.actor.id]);
		if (wasQueued) ctx.dirty.mark(BUCKET.hacks, hack.id);
		return ok({ teamId: team.id, activityId: hack.id });
	},

	'team:leave'(ctx, p) {
		const t = teamOf(ctx, p.teamId);
		if (!t.ok) return t;
		const { team, hack } = t.value;
		if (!canFormTeams(hack.phase)) return refuse('teams_closed');
		const repo = hackathonRepo(ctx.deps);
		if (!repo.removeMember(team.id, ctx.actor.id)) return refuse('not_in_team');
		ctx.events.push({ kind: 'hackathon.team.left', activityId: hack.id, subjectId: team.id, ownerId: ctx.actor.id });
		touchTeam(ctx, team.id, [ctx.actor.id]);
		// The last one out of a team that has nothing yet (no project, no submission) takes the empty team with them.
		const empty = !team.title && !team.codeUrl && !team.videoUrl && team.submittedAt === null && !projectText(ctx.deps, ctx.workshop.id, hack.id, team.id).trim();
		if (empty && repo.teamSize(team.id) === 0) {
			repo.removeTeam(team.id);
			ctx.dirty.textsGone.add(`${hack.id}.${team.id}`);
			ctx.dirty.tallies.add(hack.id);
			ctx.dirty.mark(BUCKET.hacks, hack.id);
		}
		return ok({ teamId: team.id, activityId: hack.id });
	},

	'team:update'(ctx, p) {
		const t = memberTeam(ctx, p.teamId, true);
		if (!t.ok) return t;
		const { hack, memberIds } = t.value;
		const repo = hackathonRepo(ctx.deps);
		let team = t.value.team;
		if (p.name !== undefined) {
			const name = cleanTeamName(p.name);
			if (!name.ok) return name;
			team = { ...team, name: name.value };
		}
		if (p.challengeId !== undefined) {
			if (p.challengeId !== null && !repo.challengesOf(hack.id).some((c) => c.id === p.challengeId)) return refuse('unknown_challenge');
			team = { ...team, challengeId: p.challengeId };
		}
		if (p.title !== undefined) {
			const title = optionalLabel(p.title);
			if (!title.ok) return title;
			team = { ...team, title: title.value };
		}
		for (const k of ['codeUrl', 'videoUrl'] as const) {
			if (p[k] === undefined) continue;
			const link = cleanLink(p[k]!);
			if (!link.ok) return link;
			team = { ...team, [k]: link.value };
		}
		team = projectChanged(team, ctx.now);
		if (!repo.updateTeam(team)) return refuse('team_name_taken');
		ctx.events.push({ kind: 'hackathon.team.edited', activityId: hack.id, subjectId: team.id, payload: { fields: Object.keys(p).filter((k) => k !== 'key' && k !== 'teamId').join(',') } });
		touchTeam(ctx, team.id, memberIds);
		return ok({ teamId: team.id });
	},

	'team:stage'(ctx, p) {
		const t = memberTeam(ctx, p.teamId, true);
		if (!t.ok) return t;
		const { team, hack, memberIds } = t.value;
		if (!isStaff(ctx) && !canWork(hack.phase)) return refuse('work_closed');
		const index = hack.stages.findIndex((s) => s.id === p.stageId);
		if (index < 0) return refuse('unknown_stage');
		const before = hack.stages.findIndex((s) => s.id === team.stageId);
		hackathonRepo(ctx.deps).updateTeam({ ...team, stageId: p.stageId });
		if (index > before) ctx.events.push({ kind: 'hackathon.stage.reached', activityId: hack.id, subjectId: team.id, payload: { stageIndex: index, stageCount: hack.stages.length } });
		touchTeam(ctx, team.id, memberIds);
		return ok({ teamId: team.id, stageId: p.stageId });
	},

	'team:check'(ctx, p) {
		const t = memberTeam(ctx, p.teamId, true);
		if (!t.ok) return t;
		const { team, hack, memberIds } = t.value;
		if (!isStaff(ctx) && !canWork(hack.phase)) return refuse('work_closed');
		const stageIndex = hack.stages.findIndex((s) => s.id === p.stageId);
		if (stageIndex < 0 || p.index >= hack.stages[stageIndex].checklist.length) return refuse('unknown_stage');
		const item = `${p.stageId}:${p.index}`;
		const rest = team.checked.filter((c) => c !== item);
		hackathonRepo(ctx.deps).updateTeam({ ...team, checked: p.done ? [...rest, item] : rest });
		ctx.events.push({ kind: 'hackathon.checklist.checked', activityId: hack.id, subjectId: team.id, payload: { stageIndex, index: p.index, done: p.done } });
		touchTeam(ctx, team.id, memberIds);
		return ok({ teamId: team.id });
	},

	'team:submit'(ctx, p) {
		const t = memberTeam(ctx, p.teamId, false);
		if (!t.ok) return t;
		const { team, hack, memberIds } = t.value;
		if (!canWork(hack.phase)) return refuse('work_closed');
		if (!beforeDeadline(hack.settings.deadline, ctx.now)) return refuse('past_deadline');
		if (p.submitted && memberIds.length < hack.settings.minTeamSize) return refuse('team_too_small');
		const submittedAt = p.submitted ? (team.submittedAt ?? ctx.now) : null;
		if (submittedAt !== team.submittedAt) {
			hackathonRepo(ctx.deps).updateTeam({ ...team, submittedAt });
			ctx.events.push(p.submitted ? { kind: 'hackathon.project.submitted', activityId: hack.id, subjectId: team.id, payload: { onTime: true } } : { kind: 'hackathon.project.withdrawn', activityId: hack.id, subjectId: team.id });
			touchTeam(ctx, team.id, memberIds);
			ctx.dirty.mark(BUCKET.hacks, hack.id);
		}
		return ok({ teamId: team.id, submittedAt });
	},

	'team:consent'(ctx, p) {
		// Also after the workshop closed, and whichever activity the room follows: withdrawing consent always works.
		const repo = hackathonRepo(ctx.deps);
		const team = repo.team(p.teamId);
		if (!team || team.workshopId !== ctx.workshop.id) return refuse('not_found');
		if (!repo.membersOf(team.id).some((x) => x.participantId === ctx.actor.id)) return refuse('not_in_team');
		const showName = p.showcase && p.showName;
		repo.setConsent(team.id, ctx.actor.id, p.showcase, showName);
		ctx.events.push({ kind: 'hackathon.consent.changed', activityId: team.hackId, subjectId: team.id, ownerId: ctx.actor.id, payload: { showcase: p.showcase, showName } });
		touchTeam(ctx, team.id, [ctx.actor.id]);
		return ok({ teamId: team.id, showcase: p.showcase, showName });
	},

	'team:remove'(ctx, p) {
		const t = teamOf(ctx, p.teamId);
		if (!t.ok) return t;
		const { team, hack } = t.value;
		const repo = hackathonRepo(ctx.deps);
		const memberIds = repo.membersOf(team.id).map((x) => x.participantId);
		const voters = repo.votersFor(team.id);
		repo.removeTeam(team.id);
		if (hack.pitchTeamId === team.id) repo.updateHack(hack.id, { pitchTeamId: null, pitchStartedAt: null });
		ctx.events.push({ kind: 'hackathon.team.removed', activityId: hack.id, subjectId: team.id, payload: { members: memberIds.length } });
		touchTeam(ctx, team.id, [...memberIds, ...voters]);
		ctx.dirty.textsGone.add(`${hack.id}.${team.id}`);
		ctx.dirty.tallies.add(hack.id);
		ctx.dirty.mark(BUCKET.hacks, hack.id);
		return ok({ teamId: team.id });
	},

	'hackathon:vote'(ctx, p) {
		const t = teamOf(ctx, p.teamId);
		if (!t.ok) return t;
		const { team, hack } = t.value;
		if (!hack.votingOpen) return refuse('voting_closed');
		const repo = hackathonRepo(ctx.deps);
		if (repo.teamsOfPerson(hack.id, ctx.actor.id).includes(team.id)) return refuse('own_team_vote');
		if (!repo.addVote(hack.id, ctx.actor.id, team.id, ctx.now)) return refuse('already_voted');
		ctx.events.push({ kind: 'hackathon.vote.cast', activityId: hack.id, subjectId: team.id });
		ctx.dirty.touchMe(ctx.actor.id);
		ctx.dirty.tallies.add(hack.id);
		return ok({ teamId: team.id, activityId: hack.id });
	},

	'jury:score'(ctx, p) {
		const j = jurorOf(ctx);
		if (!j.ok) return j;
		const repo = hackathonRepo(ctx.deps);
		const team = repo.team(p.teamId);
		if (!team || team.hackId !== j.value.hackId) return refuse('not_found');
		const hack = repo.hack(team.hackId);
		if (!hack) return refuse('not_found');
		if (hack.judgingClosedAt !== null) return refuse('judging_closed');
		if (!assignedTeams(j.value, repo.teamsOf(hack.id)).includes(team.id)) return refuse('not_your_group');
		const ids = hack.criteria.map((c) => c.id);
		const keys = Object.keys(p.scores);
		if (keys.length !== ids.length || !ids.every((id) => validScore(p.scores[id]))) return refuse('score_range');
		const comment = cleanText(p.comment, COMMENT_MAX_LENGTH);
		if (!comment.ok) return comment;
		repo.setScores(hack.id, j.value.id, team.id, Object.fromEntries(ids.map((id) => [id, p.scores[id]])), comment.value);
		ctx.dirty.mark(BUCKET.hacks, hack.id);
		return ok({ teamId: team.id });
	},

	'jury:done'(ctx, p) {
		const j = jurorOf(ctx);
		if (!j.ok) return j;
		const repo = hackathonRepo(ctx.deps);
		if (j.value.hackId !== p.activityId) return refuse('not_found');
		const hack = repo.hack(p.activityId);
		if (!hack) return refuse('not_found');
		if (hack.judgingClosedAt !== null) return refuse('judging_closed');
		repo.updateJuror({ ...j.value, doneAt: p.done ? (j.value.doneAt ?? ctx.now) : null });
		if (p.done) closeWhenAllDone(ctx, hack);
		ctx.dirty.mark(BUCKET.hacks, hack.id);
		return ok({ activityId: hack.id, done: p.done, closed: repo.hack(hack.id)?.judgingClosedAt !== null });
	}
};
