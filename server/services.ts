import { randomBytes } from 'node:crypto';
import { generateJoinCode, normalizeJoinCode } from '../src/lib/domain/join-code';
import { cleanNickname } from '../src/lib/domain/nickname';
import { cleanTitle } from '../src/lib/domain/title';
import { PASSWORD_MAX, PASSWORD_MIN } from '../src/lib/domain/password';
import type { WorkshopRow } from './db/workshops';
import type { MyData } from '../src/lib/protocol/events';
import type { Deps } from './deps';
import { addActivity } from './activities';
import { commandContext } from './realtime/context';
import { RateLimiter } from './rate-limit';
import { ok, refuse, type Result } from '../src/lib/domain/result';

export const LOCALES = ['en', 'de', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const isLocale = (s: string): s is Locale => (LOCALES as readonly string[]).includes(s);
/** A workshop's (or page's) language as one of ours: English for anything else. */
export const localeOf = (s: string): Locale => (isLocale(s) ? s : 'en');

export { PASSWORD_MAX, PASSWORD_MIN };

/**
 * The operations behind the HTTP routes (sign-up, sign-in, workshops, joining, export). Realtime commands live in
 * server/realtime; both share the repositories and the database.
 */
export class Services {
	/** Failed join-code lookups per IP: 20, then one more every 20 seconds. */
	readonly joinFailures = new RateLimiter(20, 0.05);
	/** New participants per workshop code: a whole school year (bursts of 1,500, then 200 a second). */
	readonly joinsPerCode = new RateLimiter(1500, 200);
	/** Sign-in, sign-up and password-change attempts per IP (a school behind one NAT shares one) and per account name. */
	readonly signInPerIp: RateLimiter;
	readonly signInPerName = new RateLimiter(5, 0.05);

	constructor(
		private deps: Pick<Deps, 'db' | 'repos' | 'modules'>,
		private opts: { signupOpen: boolean; signInsPerIp?: number }
	) {
		this.signInPerIp = new RateLimiter(opts.signInsPerIp ?? 10, 0.1);
	}

	private get repos() {
		return this.deps.repos;
	}

	private get db() {
		return this.deps.db;
	}

	/** Whether sign-up is open: the environment can close it, and the setting `signup` stored in the database too. */
	signupOpen(): boolean {
		return this.opts.signupOpen && this.repos.accounts.getSetting('signup') !== 'closed';
	}

	async signUp(ip: string, name: string, password: string, now = Date.now()): Promise<Result<{ id: string; name: string }, 'signup_closed' | 'rate_limited' | 'name_invalid' | 'password_short' | 'password_long' | 'name_taken'>> {
		if (!this.signupOpen()) return refuse('signup_closed');
		if (!this.signInPerIp.take(ip, now)) return refuse('rate_limited');
		const n = cleanTitle(name, 40);
		if (!n.ok) return refuse('name_invalid');
		const rule = passwordRule(password);
		if (!rule.ok) return rule;
		const user = await this.repos.accounts.createUser(n.value, password, now);
		return user ? ok(user) : refuse('name_taken');
	}

	async signIn(ip: string, name: string, password: string, now = Date.now()): Promise<Result<{ id: string; name: string }, 'rate_limited' | 'bad_credentials'>> {
		// The name is normalised once, as sign-up stored it, and that one form is both the throttle's key and the
		// name looked up: " name" and "name\t" are the same account and share its attempts.
		const cleaned = cleanTitle(name, 200);
		const account = cleaned.ok ? cleaned.value : '';
		if (!this.signInPerIp.take(ip, now) || !this.signInPerName.take(accountKey(account), now)) return refuse('rate_limited');
		if (password.length > PASSWORD_MAX || !account) return refuse('bad_credentials');
		const user = await this.repos.accounts.authenticate(account, password);
		return user ? ok(user) : refuse('bad_credentials');
	}

	/**
	 * Changes a signed-in facilitator's password. The new one obeys the sign-up rules and must be typed twice alike;
	 * the current one is checked under the sign-in throttle (per IP and per account), so a stolen session cannot
	 * guess it faster than a sign-in could. On success every other session of the account is deleted (the one with
	 * `sessionHash` stays); the caller ends their live connections.
	 */
	async changePassword(
		ip: string,
		user: { id: string; name: string },
		sessionHash: string,
		input: { current: string; password: string; repeat: string },
		now = Date.now()
	): Promise<Result<{ endedSessions: number }, 'rate_limited' | 'bad_current' | 'password_short' | 'password_long' | 'password_mismatch'>> {
		// The new password is checked first: that costs no guess at the current one.
		const rule = passwordRule(input.password);
		if (!rule.ok) return rule;
		if (input.repeat !== input.password) return refuse('password_mismatch');
		if (!this.signInPerIp.take(ip, now) || !this.signInPerName.take(accountKey(user.name), now)) return refuse('rate_limited');
		if (input.current.length > PASSWORD_MAX || !(await this.repos.accounts.checkPassword(user.id, input.current))) return refuse('bad_current');
		return ok({ endedSessions: await this.repos.accounts.replacePassword(user.id, input.password, sessionHash) });
	}

	/** Creates a workshop with a fresh unique join code and its first activity (of the default type, active). */
	createWorkshop(userId: string, title: string, locale: string, now = Date.now(), firstActivity?: string): Result<WorkshopRow, 'title_empty' | 'title_too_long'> {
		const t = cleanTitle(title);
		if (!t.ok) return t;
		const loc: Locale = localeOf(locale);
		return ok(
			this.db.transaction(() => {
				let code = generateJoinCode((n) => randomBytes(n));
				while (this.repos.workshops.codeExists(code)) code = generateJoinCode((n) => randomBytes(n));
				const w = this.repos.workshops.create({ title: t.value, locale: loc, code, ownerId: userId, now });
				const actor = { role: 'facilitator' as const, id: userId };
				const ctx = commandContext(this.deps as Deps, w, actor, now);
				// The first registered activity type is the default (server/features/index.ts).
				const first = addActivity(ctx, firstActivity ?? this.deps.modules.all()[0].spec.type, undefined);
				if (!first.ok) throw new Error(`cannot add the first activity: ${first.reason}`);
				this.repos.participation.append(w.id, actor, now, ctx.events);
				return { ...w, activeActivityId: first.value.id };
			})
		);
	}

	/** The workshop if this user facilitates it. */
	workshopForFacilitator(workshopId: string, userId: string) {
		const role = this.repos.workshops.memberRole(workshopId, userId);
		if (!role) return null;
		const w = this.repos.workshops.get(workshopId);
		return w ? { workshop: w, role } : null;
	}

	/**
	 * Looks up a workshop (open or closed) by a typed code, throttling failed attempts per IP. Nothing may learn
	 * whether a code exists except through this: an IP that is throttled gets `rate_limited` for every code.
	 */
	lookupCode(ip: string, input: string, now = Date.now()): Result<WorkshopRow, 'rate_limited' | 'unknown_code'> {
		if (!this.joinFailures.peek(ip, now)) return refuse('rate_limited');
		const code = normalizeJoinCode(input);
		const w = code ? this.repos.workshops.byCode(code) : undefined;
		if (!w) {
			this.joinFailures.take(ip, now);
			return refuse('unknown_code');
		}
		return ok(w);
	}

	/** Looks up an open workshop by a typed code (or takes the result of a `lookupCode` already made for this request). */
	findOpenByCode(ip: string, input: string, now = Date.now(), looked = this.lookupCode(ip, input, now)): Result<WorkshopRow, 'rate_limited' | 'unknown_code' | 'workshop_closed'> {
		if (!looked.ok) return looked;
		if (looked.value.status !== 'open') return refuse('workshop_closed');
		return looked;
	}

	/** Creates a participant in an open workshop; the caller sets the returned token as a cookie. */
	join(workshop: WorkshopRow, nickname: string, now = Date.now()): Result<{ id: string; nickname: string; token: string }, 'rate_limited' | 'nickname_empty' | 'nickname_too_long' | 'nickname_taken' | 'workshop_closed'> {
		if (workshop.status !== 'open') return refuse('workshop_closed');
		const n = cleanNickname(nickname);
		if (!n.ok) return n;
		if (!this.joinsPerCode.take(workshop.code, now)) return refuse('rate_limited');
		// The pseudonym and the log's `workshop.participant.joined` commit together; a nickname someone in the workshop
		// has already (compared trimmed, NFC, in lower case) is refused by the unique index, so of two phones joining
		// at once with one name exactly one gets it.
		const p = this.db.transaction(() => {
			const p = this.repos.workshops.createParticipant(workshop.id, n.value, now);
			if (p) this.repos.participation.append(workshop.id, { role: 'participant', id: p.id }, now, [{ kind: 'workshop.participant.joined', activityId: null, subjectId: p.id }]);
			return p;
		});
		return p ? ok(p) : refuse('nickname_taken');
	}

	/**
	 * Adds a signed-in facilitator to a workshop through its invite link. A closed workshop takes nobody new: its
	 * invite link is dead, like its join code (people already in it still get in).
	 */
	acceptInvite(token: string, userId: string, now = Date.now()) {
		const w = this.repos.workshops.byInviteToken(token);
		if (!w) return null;
		if (w.status !== 'open') return this.repos.workshops.memberRole(w.id, userId) ? w : null;
		if (!this.repos.workshops.memberRole(w.id, userId)) this.repos.workshops.addMember(w.id, userId, 'cofacilitator', now);
		return w;
	}

	/**
	 * Renders an activity's export in one of its module's formats, in the workshop's language (dates in `timeZone`,
	 * the facilitator's browser zone, when it is a valid one); null if the activity is not in this workshop or the
	 * format is not one of its module's.
	 */
	exportActivity(workshopId: string, activityId: string, format: string, opts: { now?: number; timeZone?: string } = {}) {
		const w = this.repos.workshops.get(workshopId);
		const a = this.repos.activities.get(activityId);
		if (!w || !a || a.workshopId !== w.id) return null;
		const mod = this.deps.modules.get(a.type);
		if (!mod?.exports?.formats.includes(format)) return null;
		const out = mod.exports.render(this.deps as Deps, w, a, format, { now: opts.now ?? Date.now(), timeZone: opts.timeZone });
		return out && { body: out.body, filename: `${slug(w.title)}-${slug(out.name)}.${format}` };
	}

	/** A participant's own export of an activity (their BarCamp schedule ...), or null when there is none. */
	personalExport(workshopId: string, activityId: string, participantId: string, format: string, now = Date.now()) {
		const w = this.repos.workshops.get(workshopId);
		const a = this.repos.activities.get(activityId);
		if (!w || !a || a.workshopId !== w.id) return null;
		const personal = this.deps.modules.get(a.type)?.exports?.personal;
		if (!personal?.formats.includes(format)) return null;
		const out = personal.render(this.deps as Deps, w, a, format, participantId, { now });
		return out && { body: out.body, filename: `${slug(out.name)}.${format}` };
	}

	/**
	 * Everything the workshop keeps about one participant ("Your data": the phone's panel, the JSON download and the
	 * readable page): nickname, when they joined, each module's part (the board: cards, votes with the items' titles,
	 * minutes they helped write; the BarCamp: proposals, co-hosting, interest, check-ins), their participation events
	 * and how many shared texts they wrote in. Null when the participant is not one of this workshop.
	 */
	myData(workshopId: string, participantId: string): MyData | null {
		const { repos } = this.deps;
		const p = repos.workshops.participantData(participantId);
		const w = repos.workshops.get(workshopId);
		if (!p || !w || p.workshopId !== workshopId) return null;
		const modules: Record<string, Record<string, unknown[]>> = {};
		for (const mod of this.deps.modules.all()) modules[mod.spec.type] = mod.privacy.data(this.deps as Deps, workshopId, participantId);
		const texts = repos.texts.authoredBy(workshopId, { role: 'participant', id: participantId }).length;
		// The badge model's awards for this pseudonym (deps.badges is set on the same deps object after the services).
		const badges = (this.deps as Deps).badges?.awardsOfParticipant(workshopId, participantId, localeOf(w.locale)) ?? [];
		return { workshopTitle: w.title, nickname: p.nickname, joinedAt: p.joinedAt, modules, events: repos.participation.ofActor(workshopId, participantId), texts, badges };
	}

	/** Display names of authors (of cards, texts ...): participants' nicknames and facilitators' account names. */
	authorNames(cards: { authorId: string; authorRole: string }[]): Map<string, string> {
		const ids = [...new Set(cards.filter((c) => c.authorRole === 'participant').map((c) => c.authorId))];
		const names = ids.length === 1 ? new Map([[ids[0], this.repos.workshops.participant(ids[0])?.nickname ?? '']]) : this.repos.workshops.nicknames(ids);
		for (const c of cards) if (c.authorRole === 'facilitator' && !names.has(c.authorId)) names.set(c.authorId, this.repos.accounts.findUser(c.authorId)?.name ?? '');
		return names;
	}
}

/** The sign-up rule for a password (sign-up and password change): its length. */
export function passwordRule(password: string): Result<string, 'password_short' | 'password_long'> {
	if (password.length < PASSWORD_MIN) return refuse('password_short');
	if (password.length > PASSWORD_MAX) return refuse('password_long');
	return ok(password);
}

/** The key an account name is found and throttled by (the stored `name_key`). */
export function accountKey(name: string): string {
	return name.toLowerCase();
}

function slug(s: string): string {
	return s.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-').toLowerCase().slice(0, 40) || 'board';
}
