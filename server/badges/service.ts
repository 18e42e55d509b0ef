import { randomBytes, randomUUID } from 'node:crypto';
import type { Deps } from '../deps';
import { hashToken, newId, newToken } from '../ids';
import { parseJson } from '../db/damage';
import { localeOf } from '../services';
import { RateLimiter } from '../rate-limit';
import { ok, refuse, type Result } from '../../src/lib/domain/result';
import { proposeAwards, CORE_RULES, CORE_STARTER } from '../../src/lib/badges';
import type { AchievementTemplate, LogEvent, RuleFn } from '../../src/lib/badges';
import { BadgeRepo, type AchievementRow, type AwardRow, type CredentialRow, type OrganisationRow } from './repo';
import { newRecoveryCode, normalizeRecoveryCode } from './codes';
import { Issuing, type VerifyReport } from './issuing';
import { hashEmail, KeyStore } from './credentials';
import { renderCvPdf } from './exports/pdf';
import { cvLabels } from './exports/labels';
import { credentialsZip } from './exports/zip';
import { jsonResume } from './exports/json-resume';
import type { CvEntry, CvModel } from './exports/types';
import { appSettings } from '../../drizzle/schema';
import { eq } from 'drizzle-orm';

import { pick, texts, type Lang, type Texts } from '../../src/lib/badges/texts';
export { pick, texts, type Lang, type Texts };

/** An organisation's form, as typed. */
export interface OrganisationInput {
	name: string;
	url: string;
	description: string;
	logo?: string | null;
}

export const ORG_NAME_MAX = 120;
export const ORG_DESCRIPTION_MAX = 600;
export const SHARE_DAYS = [7, 30, 90, 365] as const;
const BIT_COUNT = 131_072;

/** One line of a workshop's pending list. */
export interface PendingLine {
	awardId: string;
	participantId: string | null;
	nickname: string;
	achievementId: string;
	achievementName: Texts;
	why: { rule: string; count: number };
	status: AwardRow['status'];
	tier: 'standard' | 'confirm';
	source: 'rule' | 'manual';
	/** The learner has a backpack linked here (cross-workshop achievements are possible). */
	linked: boolean;
	issued: boolean;
}

/**
 * The badge and CV model's operations: organisations, achievements, awarding from the participation log, backpacks,
 * credentials (signed on delivery), revocation, the CV and its share links. See docs/ARCHITECTURE.md, "Badges and
 * the CV". Every refusal is a stable code with a message `badge_error_<code>`.
 */
export class Badges {
	readonly repo: BadgeRepo;
	private statusCache = new Map<string, { key: string; json: string }>();
	/**
	 * Wrong recovery codes per IP: 30, then one more every 2 seconds. A code has 100 bits, so no rate finds one by
	 * guessing; the limit keeps a flood of guesses off the server while a school hall behind one address can still
	 * mistype its codes.
	 */
	readonly recoveryFailures = new RateLimiter(30, 0.5);

	readonly issuing: Issuing;

	constructor(
		private deps: Pick<Deps, 'db' | 'repos' | 'modules' | 'config' | 'log'>,
		keyDir: string
	) {
		this.repo = new BadgeRepo(deps.db);
		this.issuing = new Issuing(new KeyStore(keyDir), {
			organisation: (id) => this.repo.organisation(id),
			keys: (id) => this.repo.keys(id),
			installKey: () => this.installKey()
		});
	}

	/** The install's own signing key (CLR bundles): created on first use, its public half in app_settings. */
	private installKeyP: Promise<{ keyId: string; publicKeyMultibase: string }> | null = null;
	private installKey() {
		this.installKeyP ??= (async () => {
			const row = this.deps.db.select().from(appSettings).where(eq(appSettings.key, 'badges_install_key')).get();
			if (row) return JSON.parse(row.value) as { keyId: string; publicKeyMultibase: string };
			const key = await this.issuing.createInstallKey();
			this.deps.db.insert(appSettings).values({ key: 'badges_install_key', value: JSON.stringify(key) }).onConflictDoNothing().run();
			return key;
		})();
		this.installKeyP.catch(() => (this.installKeyP = null));
		return this.installKeyP;
	}

	/** Rule functions: the core's and every module's (a module adds its own through `ServerModule.badges`). */
	rules(): Record<string, RuleFn<any>> {
		const all: Record<string, RuleFn<any>> = { ...CORE_RULES };
		for (const m of this.deps.modules.all()) Object.assign(all, m.badges?.rules ?? {});
		return all;
	}

	/** The starter set: the core's and every module's. */
	starter(): AchievementTemplate[] {
		return [...CORE_STARTER, ...this.deps.modules.all().flatMap((m) => m.badges?.starter ?? [])];
	}

	// Organisations

	async createOrganisation(userId: string, input: OrganisationInput, now = Date.now()): Promise<Result<OrganisationRow, 'name_empty' | 'name_too_long' | 'url_invalid' | 'description_too_long' | 'logo_invalid'>> {
		const clean = cleanOrganisation(input);
		if (!clean.ok) return clean;
		const row: OrganisationRow = { id: newId(), ...clean.value, logo: clean.value.logo ?? null, createdAt: now };
		const key = await this.issuing.createKey(row.id);
		this.deps.db.transaction(() => {
			this.repo.insertOrganisation(row, userId);
			this.repo.addKey({ id: key.keyId, organisationId: row.id, publicKeyMultibase: key.publicKeyMultibase, createdAt: now, retiredAt: null });
			this.seedStarter(row.id, now);
		});
		return ok(row);
	}

	updateOrganisation(userId: string, orgId: string, input: OrganisationInput): Result<null, 'not_member' | 'name_empty' | 'name_too_long' | 'url_invalid' | 'description_too_long' | 'logo_invalid'> {
		if (!this.repo.memberRole(orgId, userId)) return refuse('not_member');
		const clean = cleanOrganisation(input);
		if (!clean.ok) return clean;
		const patch: Partial<OrganisationRow> = { name: clean.value.name, url: clean.value.url, description: clean.value.description };
		if (clean.value.logo !== undefined) patch.logo = clean.value.logo;
		this.repo.updateOrganisation(orgId, patch);
		return ok(null);
	}

	addMember(userId: string, orgId: string, accountName: string, now = Date.now()): Result<null, 'not_owner' | 'unknown_account'> {
		if (this.repo.memberRole(orgId, userId) !== 'owner') return refuse('not_owner');
		const user = this.deps.repos.accounts.findUserByName(accountName.trim());
		if (!user) return refuse('unknown_account');
		this.repo.addMember(orgId, user.id, now);
		return ok(null);
	}

	/** A new signing key; the old one is kept (retired), so what it signed still verifies. */
	async rotateKey(userId: string, orgId: string, now = Date.now()): Promise<Result<{ keyId: string }, 'not_owner'>> {
		if (this.repo.memberRole(orgId, userId) !== 'owner') return refuse('not_owner');
		const key = await this.issuing.createKey(orgId);
		this.repo.addKey({ id: key.keyId, organisationId: orgId, publicKeyMultibase: key.publicKeyMultibase, createdAt: now, retiredAt: null });
		return ok({ keyId: key.keyId });
	}

	/** Adds the starter achievements this organisation does not have yet (a module that landed later adds its own). */
	seedStarter(orgId: string, now = Date.now()) {
		for (const t of this.starter()) {
			this.repo.insertAchievement({
				id: newId(),
				organisationId: orgId,
				key: t.key,
				kind: t.kind,
				name: JSON.stringify(t.name),
				description: JSON.stringify(t.description),
				criteria: JSON.stringify(t.criteria),
				tags: JSON.stringify(t.tags),
				skillArea: t.skillArea,
				alignment: JSON.stringify(t.alignment),
				rule: t.rule ? JSON.stringify({ ...t.rule, scope: t.scope }) : null,
				requires: JSON.stringify(t.requires),
				tier: t.tier,
				image: null,
				createdAt: now,
				archivedAt: null
			});
		}
	}

	updateAchievement(
		userId: string,
		achievementId: string,
		input: { lang: Lang; name: string; description: string; criteria: string; tier?: 'standard' | 'confirm'; archived?: boolean; threshold?: number | null; esco?: { name: string; url: string } | null }
	): Result<null, 'not_member' | 'not_found' | 'name_empty' | 'too_long' | 'threshold_invalid' | 'esco_invalid'> {
		const a = this.repo.achievement(achievementId);
		if (!a) return refuse('not_found');
		if (!this.repo.memberRole(a.organisationId, userId)) return refuse('not_member');
		const name = input.name.trim();
		if (!name) return refuse('name_empty');
		if (name.length > 80 || input.description.length > 600 || input.criteria.length > 600) return refuse('too_long');
		const patch: Partial<AchievementRow> = {
			name: JSON.stringify({ ...texts(a.name), [input.lang]: name }),
			description: JSON.stringify({ ...texts(a.description), [input.lang]: input.description.trim() }),
			criteria: JSON.stringify({ ...texts(a.criteria), [input.lang]: input.criteria.trim() })
		};
		if (input.tier) patch.tier = input.tier;
		if (input.esco !== undefined) {
			// One ESCO skill, named and addressed by its ESCO URI (http://data.europa.eu/esco/skill/<uuid>); empty clears it.
			if (input.esco === null || (!input.esco.name.trim() && !input.esco.url.trim())) patch.alignment = '[]';
			else if (!/^https?:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f-]{36}$/.test(input.esco.url.trim()) || !input.esco.name.trim() || input.esco.name.length > 200) return refuse('esco_invalid');
			else patch.alignment = JSON.stringify([{ targetName: input.esco.name.trim(), targetUrl: input.esco.url.trim(), targetFramework: 'ESCO' }]);
		}
		if (input.archived !== undefined) patch.archivedAt = input.archived ? Date.now() : null;
		if (input.threshold !== undefined && input.threshold !== null && a.rule) {
			if (!Number.isInteger(input.threshold) || input.threshold < 1 || input.threshold > 100) return refuse('threshold_invalid');
			const rule = parseJson<{ params?: Record<string, unknown> }>(a.rule, {}, `achievements.rule ${a.id}`, isRecord);
			if (typeof rule.params?.min === 'number') patch.rule = JSON.stringify({ ...rule, params: { ...rule.params, min: input.threshold } });
		}
		this.repo.updateAchievement(a.id, patch);
		return ok(null);
	}

	/** An organisation's achievements as its page edits them, in one language, with how often each was awarded. */
	achievementViews(orgId: string, lang: Lang, stats: { id: string; issued: number; pending: number; revoked: number }[]) {
		const counts = new Map(stats.map((c) => [c.id, c]));
		return this.repo.achievementsOf(orgId, true).map((a) => {
			const rule = a.rule ? parseJson<{ params?: Record<string, unknown>; scope?: string }>(a.rule, {}, `achievements.rule ${a.id}`, isRecord) : null;
			const esco = parseJson<{ targetName: string; targetUrl: string }[]>(a.alignment, [], `achievements.alignment ${a.id}`, Array.isArray)[0] ?? null;
			const c = counts.get(a.id);
			return {
				id: a.id,
				key: a.key,
				kind: a.kind,
				name: pick(texts(a.name), lang),
				description: pick(texts(a.description), lang),
				criteria: pick(texts(a.criteria), lang),
				tier: a.tier,
				archived: !!a.archivedAt,
				threshold: typeof rule?.params?.min === 'number' ? rule.params.min : null,
				scope: rule?.scope === 'learner' ? 'learner' : 'workshop',
				esco,
				issued: c?.issued ?? 0,
				pending: c?.pending ?? 0,
				revoked: c?.revoked ?? 0
			};
		});
	}

	// Awarding

	/**
	 * The pending list of a closed workshop: proposes what the rules find (once per person and achievement; the
	 * facilitator's decisions stay) and returns every award of the workshop. Null: the workshop has no organisation.
	 */
	pending(workshopId: string, now = Date.now()): PendingLine[] | null {
		const org = this.repo.workshopOrganisation(workshopId);
		if (!org) return null;
		this.repo.pruneOrphans(org.id);
		this.propose(workshopId, org.id, now);
		const people = new Map(this.repo.participantsOf(workshopId).map((p) => [p.id, p]));
		const linked = new Set(this.repo.linksOfWorkshop(workshopId).map((l) => l.participantId));
		const achievementsById = new Map(this.repo.achievementsOf(org.id, true).map((a) => [a.id, a]));
		return this.repo.awardsOfWorkshop(workshopId).flatMap((a) => {
			const ach = achievementsById.get(a.achievementId);
			if (!ach) return [];
			const why = parseJson(a.why, { rule: 'manual', count: 0 }, `awards.why ${a.id}`, isRecord);
			return [
				{
					awardId: a.id,
					participantId: a.participantId,
					nickname: (a.participantId && people.get(a.participantId)?.nickname) || '—',
					achievementId: ach.id,
					achievementName: texts(ach.name),
					why,
					status: a.status,
					tier: ach.tier,
					source: a.source,
					linked: !!a.participantId && linked.has(a.participantId),
					issued: !!this.repo.credentialOfAward(a.id)
				}
			];
		});
	}

	/** Runs the rules over the workshop's log (and, for people who brought their backpack, their other workshops'). */
	private propose(workshopId: string, orgId: string, now: number) {
		const achievementRows = this.repo.achievementsOf(orgId).filter((a) => a.rule || a.kind === 'degree');
		const defs = achievementRows.map((a) => {
			const rule = a.rule ? parseJson<{ type: string; params: Record<string, unknown>; scope?: string } | null>(a.rule, null, `achievements.rule ${a.id}`, isRecord) : null;
			return { id: a.id, key: a.key, kind: a.kind, rule: rule ? { type: rule.type, params: rule.params as never } : null, requires: parseJson<string[]>(a.requires, [], `achievements.requires ${a.id}`, isStringList), scope: (rule?.scope === 'learner' ? 'learner' : 'workshop') as 'learner' | 'workshop' };
		});
		const present = this.repo.participantsOf(workshopId).filter((p) => p.removedAt === null);
		const links = new Map(this.repo.linksOfWorkshop(workshopId).map((l) => [l.participantId, l.learnerId]));
		// A linked person's other workshops: their pseudonyms there count towards learner-scope achievements.
		const personIds = new Map<string, string[]>();
		const workshopsToRead = new Set([workshopId]);
		const held = new Map<string, Set<string>>();
		for (const p of present) {
			const learnerId = links.get(p.id);
			if (!learnerId) {
				personIds.set(p.id, [p.id]);
				continue;
			}
			const all = this.repo.linksOfLearner(learnerId);
			personIds.set(p.id, all.map((l) => l.participantId));
			for (const l of all) workshopsToRead.add(l.workshopId);
			held.set(p.id, this.heldKeys(learnerId));
		}
		const events: LogEvent[] = this.repo.eventsOfWorkshops([...workshopsToRead]).map((e) => ({
			seq: e.seq,
			workshopId: e.workshopId,
			activityId: e.activityId,
			kind: e.kind,
			subjectId: e.subjectId,
			ownerId: e.ownerId,
			actorRole: e.actorRole,
			actorId: e.actorId,
			payload: parseJson<Record<string, unknown>>(e.payload, {}, `participation_events.payload ${e.seq}`, isRecord),
			at: e.createdAt
		}));
		const proposals = proposeAwards(
			defs,
			this.rules(),
			events,
			present.map((p) => ({ participantId: p.id, personIds: personIds.get(p.id) ?? [p.id] })),
			held
		);
		const existing = new Set(this.repo.awardsOfWorkshop(workshopId).map((a) => `${a.participantId}|${a.achievementId}`));
		const ruleOf = new Map(defs.map((d) => [d.id, d.rule?.type ?? (d.kind === 'degree' ? 'degree' : 'manual')]));
		const learnerScope = new Set(defs.filter((d) => d.scope === 'learner').map((d) => d.id));
		// What each backpack holds already (confirmed or pending, from any workshop): read once per learner.
		const inBackpack = new Map<string, Set<string>>();
		for (const learnerId of new Set(links.values()))
			inBackpack.set(learnerId, new Set(this.repo.awardsOfLearner(learnerId).filter((a) => a.status === 'confirmed' || a.status === 'pending').map((a) => a.achievementId)));
		this.deps.db.transaction(() => {
			for (const p of proposals) {
				if (existing.has(`${p.participantId}|${p.achievementId}`)) continue;
				// A learner-scope achievement the backpack already holds from another workshop is not awarded again.
				const learnerId = links.get(p.participantId);
				if (learnerId && learnerScope.has(p.achievementId) && inBackpack.get(learnerId)!.has(p.achievementId)) continue;
				this.repo.insertAward({
					id: newId(),
					organisationId: orgId,
					achievementId: p.achievementId,
					workshopId,
					participantId: p.participantId,
					learnerId: learnerId ?? null,
					status: 'pending',
					source: 'rule',
					why: JSON.stringify({ rule: ruleOf.get(p.achievementId), count: p.count }),
					createdAt: now,
					decidedBy: null,
					decidedAt: null
				});
			}
		});
	}

	/** The achievement keys a backpack holds (confirmed awards of any organisation). */
	private heldKeys(learnerId: string): Set<string> {
		const keys = new Set<string>();
		for (const a of this.repo.awardsOfLearner(learnerId)) {
			if (a.status !== 'confirmed') continue;
			const ach = this.repo.achievement(a.achievementId);
			if (ach) keys.add(ach.key);
		}
		return keys;
	}

	/** Whether this facilitator may decide the awards of this workshop: a member of its organisation who runs it. */
	private mayDecide(workshopId: string, userId: string): Result<OrganisationRow, 'no_organisation' | 'not_member' | 'not_closed'> {
		const org = this.repo.workshopOrganisation(workshopId);
		if (!org) return refuse('no_organisation');
		if (!this.repo.memberRole(org.id, userId) || !this.deps.repos.workshops.memberRole(workshopId, userId)) return refuse('not_member');
		if (this.deps.repos.workshops.get(workshopId)?.status !== 'closed') return refuse('not_closed');
		return ok(org);
	}

	/**
	 * The facilitator's decision on the pending list: the ticked awards are confirmed, the others removed. Awards of
	 * people whose backpack is linked are issued at once (delivered to their backpack); the others when they take
	 * their badges home.
	 */
	async decide(workshopId: string, userId: string, confirmIds: string[], origin: string, now = Date.now()): Promise<Result<{ confirmed: number; removed: number }, 'no_organisation' | 'not_member' | 'not_closed'>> {
		const may = this.mayDecide(workshopId, userId);
		if (!may.ok) return may;
		const ticked = new Set(confirmIds);
		let confirmed = 0;
		let removed = 0;
		this.deps.db.transaction(() => {
			for (const a of this.repo.awardsOfWorkshop(workshopId)) {
				if (a.status !== 'pending') continue;
				const next = ticked.has(a.id) ? 'confirmed' : 'removed';
				this.repo.setAward(a.id, { status: next, decidedBy: userId, decidedAt: now });
				if (next === 'confirmed') confirmed++;
				else removed++;
			}
		});
		await this.deliverWorkshop(workshopId, origin, now);
		return ok({ confirmed, removed });
	}

	/** Undoes a removal: the award is pending again (the facilitator changed their mind before anything was issued). */
	restore(workshopId: string, userId: string, awardId: string): Result<null, 'no_organisation' | 'not_member' | 'not_closed' | 'not_found'> {
		const may = this.mayDecide(workshopId, userId);
		if (!may.ok) return may;
		const a = this.repo.award(awardId);
		if (!a || a.workshopId !== workshopId || a.status !== 'removed') return refuse('not_found');
		this.repo.setAward(a.id, { status: 'pending', decidedBy: null, decidedAt: null });
		return ok(null);
	}

	/** Adds an award by hand (pending, ticked by default on the list). */
	addManual(workshopId: string, userId: string, participantId: string, achievementId: string, now = Date.now()): Result<null, 'no_organisation' | 'not_member' | 'not_closed' | 'not_found' | 'already'> {
		const may = this.mayDecide(workshopId, userId);
		if (!may.ok) return may;
		const ach = this.repo.achievement(achievementId);
		const person = this.repo.participantsOf(workshopId).find((p) => p.id === participantId && p.removedAt === null);
		if (!ach || ach.organisationId !== may.value.id || ach.archivedAt || !person) return refuse('not_found');
		if (this.repo.awardsOfWorkshop(workshopId).some((a) => a.participantId === participantId && a.achievementId === achievementId && a.status !== 'removed')) return refuse('already');
		const link = this.repo.linkOf(participantId);
		this.repo.insertAward({
			id: newId(),
			organisationId: may.value.id,
			achievementId,
			workshopId,
			participantId,
			learnerId: link?.learnerId ?? null,
			status: 'pending',
			source: 'manual',
			why: JSON.stringify({ rule: 'manual', count: 0 }),
			createdAt: now,
			decidedBy: null,
			decidedAt: null
		});
		return ok(null);
	}

	/**
	 * What a participant's phone shows after the workshop: their confirmed awards, and whether some still wait for the
	 * facilitator. Phones ask this every few seconds while the facilitator decides: two indexed look-ups.
	 */
	participantAwards(workshopId: string, participantId: string) {
		const org = this.repo.workshopOrganisation(workshopId);
		if (!org) return null;
		const mine = this.repo.awardsOfParticipant(participantId).filter((a) => a.workshopId === workshopId);
		const confirmed = mine.filter((a) => a.status === 'confirmed');
		const decision = this.repo.workshopDecision(workshopId);
		return {
			organisation: org.name,
			// Mine are pending, or nothing was proposed or decided yet (the list has not been opened).
			waiting: mine.some((a) => a.status === 'pending') || (mine.length === 0 && !decision.decided),
			decided: decision.decided,
			awards: confirmed.map((a) => {
				const ach = this.repo.achievement(a.achievementId)!;
				return { id: a.id, name: texts(ach.name), description: texts(ach.description), achievementId: ach.id, kind: ach.kind };
			}),
			takenHome: !!this.repo.linkOf(participantId)
		};
	}

	/** Every award of one pseudonym in a workshop, for their "your data". */
	awardsOfParticipant(workshopId: string, participantId: string, lang: Lang) {
		return this.repo
			.awardsOfParticipant(participantId)
			.filter((a) => a.workshopId === workshopId)
			.map((a) => ({ name: pick(texts(this.repo.achievement(a.achievementId)?.name ?? '{}'), lang), status: a.status }));
	}

	// Backpacks

	/**
	 * "Take your badges home": links this participant to the device's backpack, or to a new one (then returns its
	 * recovery code, shown once, and a device token for the cookie), and issues their confirmed awards.
	 */
	async takeHome(
		workshopId: string,
		participantId: string,
		deviceToken: string | undefined,
		origin: string,
		now = Date.now()
	): Promise<Result<{ learnerId: string; recoveryCode: string | null; deviceToken: string | null; issued: number }, 'no_organisation' | 'nothing_to_take'>> {
		const org = this.repo.workshopOrganisation(workshopId);
		if (!org) return refuse('no_organisation');
		const confirmed = this.repo.awardsOfWorkshop(workshopId).filter((a) => a.participantId === participantId && a.status === 'confirmed');
		const existing = this.repo.learnerByDevice(deviceToken);
		if (confirmed.length === 0 && !this.repo.linkOf(participantId)) return refuse('nothing_to_take');
		let recoveryCode: string | null = null;
		let newDevice: string | null = null;
		const learnerId = this.deps.db.transaction(() => {
			const linked = this.repo.linkOf(participantId);
			let id = linked?.learnerId ?? existing?.id;
			if (!id) {
				const created = this.newLearner(now);
				id = created.id;
				recoveryCode = created.recoveryCode;
				newDevice = newToken();
				this.repo.addDevice(id, newDevice, now);
			}
			if (!linked) this.repo.link(participantId, id, workshopId, now);
			for (const a of confirmed) if (!a.learnerId) this.repo.setAward(a.id, { learnerId: id });
			return id;
		});
		const issued = await this.deliverLearner(learnerId, origin, now);
		return ok({ learnerId, recoveryCode, deviceToken: newDevice, issued });
	}

	private newLearner(now: number) {
		const recoveryCode = newRecoveryCode();
		const id = randomUUID();
		this.repo.insertLearner({ id, recoveryHash: recoveryHash(recoveryCode), emailHash: null, emailSalt: null, walletDid: null, createdAt: now });
		return { id, recoveryCode };
	}

	/** Creates an empty backpack for this device (a participant who wants one before any workshop). */
	createBackpack(now = Date.now()) {
		const created = this.newLearner(now);
		const token = newToken();
		this.repo.addDevice(created.id, token, now);
		return { learnerId: created.id, recoveryCode: created.recoveryCode, deviceToken: token };
	}

	/** Opens a backpack on this device with its recovery code (throttled per IP against guessing). */
	openWithCode(ip: string, input: string, now = Date.now()): Result<{ learnerId: string; deviceToken: string }, 'rate_limited' | 'code_invalid' | 'code_unknown'> {
		if (!this.recoveryFailures.peek(ip, now)) return refuse('rate_limited');
		const code = normalizeRecoveryCode(input);
		const learner = code ? this.repo.learnerByRecovery(recoveryHash(code)) : undefined;
		if (!learner) {
			this.recoveryFailures.take(ip, now);
			return refuse(code ? 'code_unknown' : 'code_invalid');
		}
		const token = newToken();
		this.repo.addDevice(learner.id, token, now);
		return ok({ learnerId: learner.id, deviceToken: token });
	}

	/** A new recovery code replaces the old one (the old one stops working). */
	newRecoveryCode(learnerId: string): string {
		const code = newRecoveryCode();
		this.repo.updateLearner(learnerId, { recoveryHash: recoveryHash(code) });
		return code;
	}

	learnerOf(deviceToken: string | undefined) {
		return this.repo.learnerByDevice(deviceToken);
	}

	/** Brings the backpack into a workshop the person just joined: their events there count for cross-workshop achievements. */
	bringBackpack(participantId: string, workshopId: string, learnerId: string, now = Date.now()) {
		this.repo.link(participantId, learnerId, workshopId, now);
	}

	/** Binds an e-mail address (kept only as a salted hash, for the recipient identity of credentials issued from now on) or a wallet DID. */
	bindIdentity(learnerId: string, input: { email?: string; did?: string }): Result<null, 'email_invalid' | 'did_invalid'> {
		if (input.email !== undefined) {
			const email = input.email.trim().toLowerCase();
			if (email === '') {
				this.repo.updateLearner(learnerId, { emailHash: null, emailSalt: null });
			} else {
				if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return refuse('email_invalid');
				const salt = randomBytes(12).toString('hex');
				this.repo.updateLearner(learnerId, { emailHash: hashEmail(email, salt), emailSalt: salt });
			}
		}
		if (input.did !== undefined) {
			const did = input.did.trim();
			if (did === '') this.repo.updateLearner(learnerId, { walletDid: null });
			else if (did.length > 300 || !/^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$/.test(did)) return refuse('did_invalid');
			else this.repo.updateLearner(learnerId, { walletDid: did });
		}
		return ok(null);
	}

	/**
	 * Erases a backpack: its credentials are revoked (their status bits set: the only thing that stays, so a verifier
	 * holding a copy learns it is revoked), then the learner, links, devices, share links, awards and credentials go.
	 */
	eraseLearner(learnerId: string, now = Date.now()) {
		this.deps.db.transaction(() => {
			for (const c of this.repo.credentialsOfLearner(learnerId)) {
				this.setStatusBit(c.statusList, c.statusIndex, now);
				this.repo.deleteCredential(c.id);
			}
			this.repo.deleteLearner(learnerId);
		});
	}

	setShown(learnerId: string, credentialId: string, shown: boolean): Result<null, 'not_found'> {
		const c = this.repo.credential(credentialId);
		if (!c || c.learnerId !== learnerId) return refuse('not_found');
		this.repo.setCredential(c.id, { shown });
		return ok(null);
	}

	// Credentials

	/** Issues every confirmed award of people linked in this workshop that has no credential yet. */
	private async deliverWorkshop(workshopId: string, origin: string, now: number) {
		const learners = new Set(this.repo.awardsOfWorkshop(workshopId).filter((a) => a.status === 'confirmed' && a.learnerId).map((a) => a.learnerId!));
		for (const l of learners) await this.deliverLearner(l, origin, now);
	}

	/**
	 * Signs and stores a credential for each of the learner's confirmed awards that has none yet. Deliveries to one
	 * learner run one after the other (a double tap on "take my badges home", a confirmation at the same moment), so
	 * an award is never signed twice.
	 */
	deliverLearner(learnerId: string, origin: string, now = Date.now()): Promise<number> {
		const before = this.deliveries.get(learnerId) ?? Promise.resolve(0);
		const run = before.catch(() => 0).then(() => this.deliverNow(learnerId, origin, now));
		this.deliveries.set(learnerId, run);
		const done = () => {
			if (this.deliveries.get(learnerId) === run) this.deliveries.delete(learnerId);
		};
		run.then(done, done);
		return run;
	}

	private deliveries = new Map<string, Promise<number>>();

	private async deliverNow(learnerId: string, origin: string, now: number): Promise<number> {
		const learner = this.repo.learner(learnerId);
		if (!learner) return 0;
		let issued = 0;
		for (const a of this.repo.awardsOfLearner(learnerId)) {
			if (a.status !== 'confirmed' || this.repo.credentialOfAward(a.id)) continue;
			const org = this.repo.organisation(a.organisationId);
			const ach = this.repo.achievement(a.achievementId);
			if (!org || !ach) continue;
			const id = randomUUID();
			const slot = this.allocateStatus(org.id, now);
			const workshop = a.workshopId ? this.deps.repos.workshops.get(a.workshopId) : undefined;
			const json = await this.issuing.issueAchievement({
				origin,
				organisation: org,
				keys: this.repo.keys(org.id),
				credentialId: id,
				achievement: ach,
				learner,
				issuedAt: new Date(now),
				statusList: slot.listId,
				statusIndex: slot.index,
				lang: localeOf(workshop?.locale ?? 'en')
			});
			// One signature is 5 to 10 ms of CPU with no I/O in between: the loop is handed back after each, so live
			// rooms in this process wait one signature at most, not a whole confirmation (bench/micro/badge-delivery.ts).
			await new Promise((r) => setImmediate(r));
			// Checked again after the signature: nothing else may have delivered it meanwhile.
			if (this.repo.credentialOfAward(a.id) || this.repo.award(a.id)?.status !== 'confirmed') continue;
			this.repo.insertCredential({ id, awardId: a.id, organisationId: org.id, learnerId, kind: 'achievement', json, statusList: slot.listId, statusIndex: slot.index, issuedAt: now, revokedAt: null, revokeReason: null, shown: true });
			issued++;
		}
		return issued;
	}

	/** The next free bit of the organisation's status list (a new list when the last is full). */
	private allocateStatus(orgId: string, now: number): { listId: string; index: number } {
		return this.deps.db.transaction(() => {
			const key = this.repo.activeKey(orgId);
			if (!key) throw new Error(`organisation ${orgId} has no active key`);
			let list = this.repo.openStatusList(orgId, key.id);
			if (!list) {
				list = { id: newId(), organisationId: orgId, keyId: key.id, purpose: 'revocation' as const, bits: Buffer.alloc(BIT_COUNT / 8), nextIndex: 0, updatedAt: now };
				this.repo.insertStatusList(list);
			}
			this.repo.setStatusList(list.id, { nextIndex: list.nextIndex + 1 });
			return { listId: list.id, index: list.nextIndex };
		});
	}

	private setStatusBit(listId: string, index: number, now: number) {
		const list = this.repo.statusList(listId);
		if (!list) return;
		const bits = Buffer.from(list.bits);
		// The spec's order: bit 0 is the most significant bit of the first byte.
		bits[index >> 3] |= 0x80 >> (index & 7);
		this.repo.setStatusList(listId, { bits, updatedAt: now });
	}

	/** Revokes an issued credential with a reason (a member of the issuing organisation). */
	revoke(userId: string, credentialId: string, reason: string, now = Date.now()): Result<null, 'not_found' | 'not_member' | 'reason_empty' | 'already_revoked'> {
		const c = this.repo.credential(credentialId);
		if (!c) return refuse('not_found');
		if (!this.repo.memberRole(c.organisationId, userId)) return refuse('not_member');
		const why = reason.trim().slice(0, 300);
		if (!why) return refuse('reason_empty');
		if (c.revokedAt) return refuse('already_revoked');
		this.deps.db.transaction(() => {
			this.setStatusBit(c.statusList, c.statusIndex, now);
			this.repo.setCredential(c.id, { revokedAt: now, revokeReason: why });
			if (c.awardId) this.repo.setAward(c.awardId, { status: 'revoked', decidedBy: userId, decidedAt: now });
		});
		return ok(null);
	}

	credentialJson(id: string): string | null {
		return this.repo.credential(id)?.json ?? null;
	}

	/** Verifies a stored credential, or a posted one, on the server. */
	async verify(json: string): Promise<VerifyReport> {
		return this.issuing.verify(json, async (url) => {
			// Only this install's own lists, read from the database: a verifier here never goes to the network.
			let u: URL;
			try {
				u = new URL(url);
			} catch {
				return null;
			}
			const m = /^\/orgs\/([A-Za-z0-9_-]{1,64})\/status\/([A-Za-z0-9_-]{1,64})\.json$/.exec(u.pathname);
			const text = m ? await this.statusListCredential(m[1], m[2], u.origin) : null;
			return text ? JSON.parse(text) : null;
		});
	}

	/** The signed status list credential of a list (published at `/orgs/<org>/status/<list>.json`). */
	async statusListCredential(orgId: string, listId: string, origin: string): Promise<string | null> {
		const list = this.repo.statusList(listId);
		const org = this.repo.organisation(orgId);
		if (!list || !org || list.organisationId !== orgId) return null;
		// Signed again only when the list changed (a revocation): verifying a page of credentials reads it many times.
		const cacheKey = `${origin}|${listId}|${list.updatedAt}`;
		const hit = this.statusCache.get(listId);
		if (hit?.key === cacheKey) return hit.json;
		const json = await this.issuing.statusListCredential({ origin, organisation: org, keys: this.repo.keys(orgId), listId, keyId: list.keyId, bits: list.bits, updatedAt: list.updatedAt });
		this.statusCache.set(listId, { key: cacheKey, json });
		return json;
	}

	/** The organisation's issuer identifier as credentials issued now carry it (did:web on https, did:key otherwise). */
	issuerId(orgId: string, origin: string): string | null {
		const org = this.repo.organisation(orgId);
		return org ? this.issuing.issuerId({ origin, organisation: org, keys: this.repo.keys(orgId) }) : null;
	}

	didDocument(orgId: string, origin: string): object | null {
		const org = this.repo.organisation(orgId);
		if (!org) return null;
		return this.issuing.didDocument({ origin, organisation: org, keys: this.repo.keys(orgId) });
	}

	// The CV

	/** The learner's CV: micro-degrees first, then badges grouped by skill area; only `shown` ones when `onlyShown`. */
	cv(learnerId: string, lang: Lang, origin: string, opts: { onlyShown?: boolean; only?: Set<string> } = {}) {
		const entries = this.repo
			.credentialsOfLearner(learnerId)
			.filter((c) => c.kind === 'achievement')
			.filter((c) => (!opts.onlyShown || c.shown) && (!opts.only || opts.only.has(c.id)))
			.map((c) => this.entry(c, lang, origin))
			.filter((e): e is CvEntryView => e !== null);
		const degrees = entries.filter((e) => e.kind === 'degree');
		const groups = new Map<string, CvEntryView[]>();
		for (const e of entries.filter((e) => e.kind === 'badge')) groups.set(e.skillArea, [...(groups.get(e.skillArea) ?? []), e]);
		return { degrees, groups: [...groups].map(([skillArea, list]) => ({ skillArea, entries: list })), count: entries.length };
	}

	private entry(c: CredentialRow, lang: Lang, origin: string): CvEntryView | null {
		const award = c.awardId ? this.repo.award(c.awardId) : undefined;
		const ach = award ? this.repo.achievement(award.achievementId) : undefined;
		const org = this.repo.organisation(c.organisationId);
		if (!ach || !org) return null;
		return {
			credentialId: c.id,
			kind: ach.kind,
			name: pick(texts(ach.name), lang),
			description: pick(texts(ach.description), lang),
			criteria: pick(texts(ach.criteria), lang),
			skillArea: ach.skillArea,
			tags: parseJson<string[]>(ach.tags, [], `achievements.tags ${ach.id}`, isStringList),
			issuerName: org.name,
			issuerUrl: org.url || null,
			issuedAt: c.issuedAt,
			verifyUrl: `${origin}/credentials/${c.id}`,
			jsonUrl: `${origin}/credentials/${c.id}.json`,
			shown: c.shown,
			revoked: c.revokedAt !== null,
			workshopTitle: award?.workshopId ? this.repo.workshopTitle(award.workshopId) : null,
			achievementId: ach.id,
			organisationId: org.id
		};
	}

	// Exports of the CV

	/**
	 * The backpack's exports of what the learner shows on their CV: `pdf`, `zip` (each credential's OB3 JSON), `clr`
	 * (a CLR 2.0 bundle signed by this install) and `resume` (JSON Resume). Null for an unknown format.
	 */
	async exportCv(learnerId: string, format: string, opts: { lang: Lang; origin: string; holderName: string | null; skillLabel: (area: string) => string; timeZone?: string }) {
		const learner = this.repo.learner(learnerId);
		if (!learner) return null;
		const view = this.cv(learnerId, opts.lang, opts.origin, { onlyShown: true });
		const entry = (e: CvEntryView): CvEntry => ({
			credentialId: e.credentialId,
			name: e.name,
			description: e.description,
			criteria: e.criteria,
			issuerName: e.issuerName,
			issuerUrl: e.issuerUrl,
			issuedAt: new Date(e.issuedAt),
			verifyUrl: e.verifyUrl,
			skills: e.tags,
			workshopTitle: e.workshopTitle,
			kind: e.kind
		});
		const model: CvModel = {
			holderName: opts.holderName,
			locale: opts.lang,
			degrees: view.degrees.map(entry),
			groups: view.groups.map((g) => ({ skillArea: g.skillArea, label: opts.skillLabel(g.skillArea), entries: g.entries.map(entry) }))
		};
		const shown = [...view.degrees, ...view.groups.flatMap((g) => g.entries)].filter((e) => !e.revoked);
		const stamp = new Date().toISOString().slice(0, 10);
		if (format === 'pdf') return { body: await renderCvPdf(model, cvLabels(opts.lang, opts.timeZone)), type: 'application/pdf', filename: `cv-${stamp}.pdf` };
		if (format === 'zip') {
			const files = shown.map((e) => ({ name: e.name, json: this.repo.credential(e.credentialId)!.json }));
			return { body: credentialsZip(files), type: 'application/zip', filename: `badges-${stamp}.zip` };
		}
		if (format === 'resume') {
			const confirmedTier = shown.filter((e) => this.repo.achievement(e.achievementId)?.tier === 'confirm').map((e) => e.credentialId);
			return { body: JSON.stringify(jsonResume(model, { confirmed: confirmedTier, timeZone: opts.timeZone }), null, 2), type: 'application/json; charset=utf-8', filename: `resume-${stamp}.json` };
		}
		if (format === 'clr') {
			if (shown.length === 0) return null;
			const json = await this.issuing.issueClr({ origin: opts.origin, learner, credentials: shown.map((e) => this.repo.credential(e.credentialId)!.json), name: 'Plenum learner record', issuedAt: new Date() });
			return { body: json, type: 'application/vc+ld+json; charset=utf-8', filename: `clr-${stamp}.json` };
		}
		return null;
	}

	// Share links

	createShare(learnerId: string, credentialIds: string[], days: number, now = Date.now()): Result<{ id: string }, 'nothing_chosen' | 'days_invalid'> {
		const mine = new Set(this.repo.credentialsOfLearner(learnerId).map((c) => c.id));
		const chosen = [...new Set(credentialIds)].filter((id) => mine.has(id));
		if (chosen.length === 0) return refuse('nothing_chosen');
		if (!(SHARE_DAYS as readonly number[]).includes(days)) return refuse('days_invalid');
		const id = randomBytes(16).toString('base64url');
		this.repo.insertShare({ id, learnerId, credentialIds: JSON.stringify(chosen), createdAt: now, expiresAt: now + days * 86_400_000, revokedAt: null });
		return ok({ id });
	}

	revokeShare(learnerId: string, shareId: string, now = Date.now()): Result<null, 'not_found'> {
		const s = this.repo.share(shareId);
		if (!s || s.learnerId !== learnerId) return refuse('not_found');
		if (!s.revokedAt) this.repo.setShare(s.id, { revokedAt: now });
		return ok(null);
	}

	shares(learnerId: string, now = Date.now()) {
		return this.repo.sharesOf(learnerId).map((s) => ({ id: s.id, count: parseJson<string[]>(s.credentialIds, [], `share_links.credential_ids ${s.id}`, isStringList).length, createdAt: s.createdAt, expiresAt: s.expiresAt, revokedAt: s.revokedAt, live: !s.revokedAt && s.expiresAt > now }));
	}

	/** What a share link opens: the chosen credentials' CV, or why not (410 for revoked or expired). */
	sharedCv(shareId: string, lang: Lang, origin: string, now = Date.now()) {
		const s = /^[A-Za-z0-9_-]{10,64}$/.test(shareId) ? this.repo.share(shareId) : undefined;
		if (!s) return { state: 'unknown' as const };
		if (s.revokedAt) return { state: 'revoked' as const };
		if (s.expiresAt <= now) return { state: 'expired' as const };
		return { state: 'ok' as const, expiresAt: s.expiresAt, cv: this.cv(s.learnerId, lang, origin, { only: new Set(parseJson<string[]>(s.credentialIds, [], `share_links.credential_ids ${s.id}`, isStringList)) }) };
	}

	// The organisation's overview

	overview(userId: string, orgId: string) {
		if (!this.repo.memberRole(orgId, userId)) return null;
		this.repo.pruneOrphans(orgId);
		const achievementsById = new Map(this.repo.achievementsOf(orgId, true).map((a) => [a.id, a]));
		const awardRows = this.repo.awardsOfOrganisation(orgId);
		const perAchievement = new Map<string, { issued: number; pending: number; revoked: number }>();
		const perWorkshop = new Map<string, { title: string; confirmed: number; pending: number }>();
		for (const a of awardRows) {
			const p = perAchievement.get(a.achievementId) ?? { issued: 0, pending: 0, revoked: 0 };
			if (a.status === 'confirmed') p.issued++;
			if (a.status === 'pending') p.pending++;
			if (a.status === 'revoked') p.revoked++;
			perAchievement.set(a.achievementId, p);
			if (a.workshopId) {
				const w = perWorkshop.get(a.workshopId) ?? { title: this.repo.workshopTitle(a.workshopId) ?? '', confirmed: 0, pending: 0 };
				if (a.status === 'confirmed') w.confirmed++;
				if (a.status === 'pending') w.pending++;
				perWorkshop.set(a.workshopId, w);
			}
		}
		const creds = this.repo.credentialsOfOrganisation(orgId).map((c) => {
			const award = c.awardId ? this.repo.award(c.awardId) : undefined;
			const ach = award ? achievementsById.get(award.achievementId) : undefined;
			return { id: c.id, achievement: ach ? texts(ach.name) : {}, workshopTitle: award?.workshopId ? this.repo.workshopTitle(award.workshopId) : null, issuedAt: c.issuedAt, revokedAt: c.revokedAt, revokeReason: c.revokeReason };
		});
		return {
			achievements: [...achievementsById.values()].map((a) => ({ id: a.id, key: a.key, name: texts(a.name), archived: !!a.archivedAt, ...(perAchievement.get(a.id) ?? { issued: 0, pending: 0, revoked: 0 }) })),
			workshops: [...perWorkshop].map(([id, w]) => ({ id, ...w })),
			credentials: creds
		};
	}
}

export interface CvEntryView {
	credentialId: string;
	kind: 'badge' | 'degree';
	name: string;
	description: string;
	criteria: string;
	skillArea: string;
	tags: string[];
	issuerName: string;
	issuerUrl: string | null;
	issuedAt: number;
	verifyUrl: string;
	jsonUrl: string;
	shown: boolean;
	revoked: boolean;
	workshopTitle: string | null;
	achievementId: string;
	organisationId: string;
}


/** What is kept of a recovery code, as of any secret token (`hashToken`): normalised first, so dashes and case do not count. */
export function recoveryHash(code: string): string {
	const norm = normalizeRecoveryCode(code);
	if (!norm) throw new Error('not a recovery code');
	return hashToken(norm);
}

const isRecord = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');

const LOGO_MAX = 200_000;

function cleanOrganisation(input: OrganisationInput): Result<OrganisationInput, 'name_empty' | 'name_too_long' | 'url_invalid' | 'description_too_long' | 'logo_invalid'> {
	const name = input.name.trim().replace(/\s+/g, ' ');
	if (!name) return refuse('name_empty');
	if (name.length > ORG_NAME_MAX) return refuse('name_too_long');
	const url = input.url.trim();
	if (url) {
		try {
			const u = new URL(url);
			if (u.protocol !== 'https:' && u.protocol !== 'http:') return refuse('url_invalid');
		} catch {
			return refuse('url_invalid');
		}
	}
	const description = input.description.trim();
	if (description.length > ORG_DESCRIPTION_MAX) return refuse('description_too_long');
	if (input.logo && (input.logo.length > LOGO_MAX || !/^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/.test(input.logo))) return refuse('logo_invalid');
	return ok({ name, url, description, logo: input.logo });
}
