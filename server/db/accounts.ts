import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import { scrypt, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { appSettings, sessions, users } from '../../drizzle/schema';
import { hashToken, newId, newToken } from '../ids';
import type { Db } from './client';

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
/** scrypt cost: N=2^15, r=8 (32 MiB, about 60 ms here), run on libuv's pool so the event loop never waits. */
const SCRYPT = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

/** Hashes a password as `scrypt$N$r$p$salt$hash`. */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const hash = await scryptAsync(password.normalize('NFC'), salt, 32, SCRYPT);
	return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [kind, n, r, p, salt, hash] = stored.split('$');
	if (kind !== 'scrypt') return false;
	const expected = Buffer.from(hash, 'base64');
	const actual = await scryptAsync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, {
		N: Number(n),
		r: Number(r),
		p: Number(p),
		maxmem: SCRYPT.maxmem
	});
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A password that compares against nothing, so an unknown name costs as much time as a wrong password. */
let dummyHash: Promise<string> | null = null;

/** Facilitator accounts and their sessions. */
/**
 * Whether a password matches a stored hash; with no hash (no such account) it spends the same scrypt on a dummy, so
 * that the answer's timing does not tell whether the account exists.
 */
async function passwordMatches(passwordHash: string | undefined, password: string): Promise<boolean> {
	if (passwordHash === undefined) {
		dummyHash ??= hashPassword('not a password');
		await verifyPassword(password, await dummyHash);
		return false;
	}
	return verifyPassword(password, passwordHash);
}

export class AccountRepo {
	/** Prepared once: every page request of a signed-in facilitator reads its session. */
	private sessionUserQ;

	constructor(private db: Db) {
		const ph = sql.placeholder;
		this.sessionUserQ = db
			.select({ id: users.id, name: users.name })
			.from(sessions)
			.innerJoin(users, eq(users.id, sessions.userId))
			.where(and(eq(sessions.tokenHash, ph('tokenHash')), gt(sessions.expiresAt, ph('now'))))
			.prepare();
	}

	findUserByName(name: string) {
		return this.db.select().from(users).where(eq(users.nameKey, name.toLowerCase())).get();
	}

	findUser(id: string) {
		return this.db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, id)).get();
	}

	/** Creates a user; returns null if the name is taken. */
	async createUser(name: string, password: string, now: number) {
		const passwordHash = await hashPassword(password);
		const id = newId();
		try {
			this.db.insert(users).values({ id, name, nameKey: name.toLowerCase(), passwordHash, createdAt: now }).run();
		} catch (e) {
			if (String(e).includes('UNIQUE')) return null;
			throw e;
		}
		return { id, name };
	}

	/** Checks a name and password; always spends one scrypt, whether or not the name exists. */
	async authenticate(name: string, password: string) {
		const user = this.findUserByName(name);
		return (await passwordMatches(user?.passwordHash, password)) && user ? { id: user.id, name: user.name } : null;
	}

	/** Checks the password of an account found by id (a password change); spends one scrypt, like a sign-in. */
	async checkPassword(userId: string, password: string): Promise<boolean> {
		const user = this.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
		return passwordMatches(user?.passwordHash, password);
	}

	/**
	 * Replaces an account's password and deletes every session of it except `keepTokenHash` (the device that made
	 * the change), in one transaction; returns how many sessions ended.
	 */
	async replacePassword(userId: string, password: string, keepTokenHash: string): Promise<number> {
		const passwordHash = await hashPassword(password);
		return this.db.transaction((tx) => {
			tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
			return tx.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash))).run().changes;
		});
	}

	/** Starts a session and returns the cookie token (only its hash is stored). */
	createSession(userId: string, now: number): { token: string; expiresAt: number } {
		const token = newToken();
		const expiresAt = now + SESSION_TTL_MS;
		this.db.insert(sessions).values({ tokenHash: hashToken(token), userId, createdAt: now, expiresAt }).run();
		this.db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
		return { token, expiresAt };
	}

	/** The user behind a session cookie, if the session exists and has not expired. */
	userForSession(token: string | undefined, now: number) {
		if (!token || token.length > 100) return null;
		return this.sessionUserQ.get({ tokenHash: hashToken(token), now }) ?? null;
	}

	/** Ends one session (signing out). */
	deleteSession(token: string) {
		this.db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token))).run();
	}

	/** Whether a session (by the hash of its token) exists and has not expired: checked on every staff command. */
	sessionAlive(tokenHash: string, now: number): boolean {
		return !!this.sessionUserQ.get({ tokenHash, now });
	}

	getSetting(key: string): string | null {
		return this.db.select().from(appSettings).where(eq(appSettings.key, key)).get()?.value ?? null;
	}

	setSetting(key: string, value: string) {
		this.db.insert(appSettings).values({ key, value }).onConflictDoUpdate({ target: appSettings.key, set: { value } }).run();
	}
}
