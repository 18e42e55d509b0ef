import { createHash } from 'node:crypto';
import { CONTEXTS } from './contexts';
import { toDateTime, type StatusEntry } from './status-list';

/**
 * Builders of unsigned Open Badges 3.0 and CLR 2.0 credentials (VC data model 2.0), shaped as the 1EdTech
 * specifications' data models say (OB 3.0 §B, CLR 2.0 §B); schema.ts checks the same shapes. Sign with sign.ts.
 */

/** The issuer as an OB3 Profile: id is the organisation's DID (issuer.ts). */
export type IssuerProfileInput = { id: string; name: string; url?: string; description?: string; image?: string };

/** An OB3 Profile. */
export type Profile = {
	id: string;
	type: ['Profile'];
	name: string;
	url?: string;
	description?: string;
	image?: Image;
};

/** An OB3 Image: a URL or a data: URL. */
export type Image = { id: string; type: 'Image'; caption?: string };

/** An OB3 IdentityObject (a hashed e-mail here). */
export type IdentityObject = {
	type: 'IdentityObject';
	identityHash: string;
	identityType: 'emailAddress';
	hashed: true;
	salt: string;
};

/** An OB3 Alignment (an ESCO skill, for example). */
export type Alignment = { type: ['Alignment']; targetName: string; targetUrl: string; targetFramework?: string };

/** What an achievement says about itself. */
export type AchievementInput = {
	id: string;
	name: string;
	description: string;
	/** The criteria in plain words. */
	criteria: string;
	achievementType?: string;
	/** A URL or data: URL of the badge image. */
	image?: string;
	tags?: string[];
	alignments?: { targetName: string; targetUrl: string; targetFramework?: string }[];
	/** BCP 47 language of the texts (`de`, `en`, `fr`). */
	inLanguage?: string;
};

/** An OB3 Achievement. */
export type Achievement = {
	id: string;
	type: ['Achievement'];
	name: string;
	description: string;
	criteria: { narrative: string };
	achievementType?: string;
	image?: Image;
	tag?: string[];
	alignment?: Alignment[];
	inLanguage?: string;
};

/** Who the credential is about: a wallet DID or `urn:uuid:` pseudonym, and/or a hashed e-mail. */
export type SubjectInput = { id?: string; identifier?: IdentityObject[] };

/** An unsigned OB3 AchievementCredential (an OpenBadgeCredential). */
export type UnsignedAchievementCredential = {
	'@context': string[];
	id: string;
	type: ['VerifiableCredential', 'OpenBadgeCredential'];
	issuer: Profile;
	validFrom: string;
	validUntil?: string;
	name: string;
	credentialSubject: {
		type: ['AchievementSubject'];
		id?: string;
		identifier?: IdentityObject[];
		achievement: Achievement;
	};
	credentialStatus?: StatusEntry;
};

/** A signed credential of any kind: what sign.ts returns. */
export type SignedCredential = Record<string, unknown> & { proof: Record<string, unknown> };

/** An unsigned CLR 2.0 ClrCredential. */
export type UnsignedClrCredential = {
	'@context': string[];
	id: string;
	type: ['VerifiableCredential', 'ClrCredential'];
	issuer: Profile;
	validFrom: string;
	validUntil?: string;
	name: string;
	description?: string;
	credentialSubject: {
		type: ['ClrSubject'];
		id?: string;
		identifier?: IdentityObject[];
		achievement?: Achievement[];
		verifiableCredential: SignedCredential[];
	};
	credentialStatus?: StatusEntry;
};

/**
 * The OB 3.0 identity hash of an e-mail address: `sha256$` + hex SHA-256 of the trimmed, lower-cased address followed
 * by the salt (what the database keeps instead of the address).
 */
export function hashEmail(email: string, salt: string): string {
	const normalised = email.trim().toLowerCase();
	if (!/^[^\s@]+@[^\s@]+$/.test(normalised)) throw new RangeError('not an e-mail address');
	if (salt.length < 8) throw new RangeError('a salt of at least 8 characters keeps the hash from being guessed');
	return `sha256$${createHash('sha256').update(normalised + salt, 'utf8').digest('hex')}`;
}

/** The IdentityObject of an already hashed e-mail address (`identityHash` from {@link hashEmail}, its salt). */
export function emailIdentity(identityHash: string, salt: string): IdentityObject {
	if (!/^sha256\$[0-9a-f]{64}$/.test(identityHash)) throw new RangeError('identityHash is sha256$<64 hex>');
	return { type: 'IdentityObject', identityHash, identityType: 'emailAddress', hashed: true, salt };
}

/** The IdentityObject of an e-mail address: {@link emailIdentity} of {@link hashEmail}. */
export function hashedEmail(email: string, salt: string): IdentityObject {
	return emailIdentity(hashEmail(email, salt), salt);
}

/** An OB3 Profile from its parts (empty optional parts left out). */
export function profile(input: IssuerProfileInput): Profile {
	const out: Profile = { id: input.id, type: ['Profile'], name: input.name };
	if (input.url) out.url = input.url;
	if (input.description) out.description = input.description;
	if (input.image) out.image = { id: input.image, type: 'Image' };
	return out;
}

/** An OB3 Achievement from its parts. */
export function achievement(input: AchievementInput): Achievement {
	const out: Achievement = {
		id: input.id,
		type: ['Achievement'],
		name: input.name,
		description: input.description,
		criteria: { narrative: input.criteria }
	};
	if (input.achievementType) out.achievementType = input.achievementType;
	if (input.image) out.image = { id: input.image, type: 'Image' };
	if (input.tags?.length) out.tag = [...input.tags];
	if (input.alignments?.length) {
		out.alignment = input.alignments.map((a) => ({
			type: ['Alignment'],
			targetName: a.targetName,
			targetUrl: a.targetUrl,
			...(a.targetFramework ? { targetFramework: a.targetFramework } : {})
		}));
	}
	if (input.inLanguage) out.inLanguage = input.inLanguage;
	return out;
}

function assertSubject(subject: SubjectInput): void {
	if (!subject.id && !subject.identifier?.length) {
		throw new RangeError('a credential subject needs an id (DID or urn:uuid:) or an identifier (OB 3.0: one of them)');
	}
}

/**
 * An unsigned OB3 AchievementCredential. `id` is the credential's stable URL (`<origin>/credentials/<id>.json`);
 * `status` its entry in the issuer's revocation list.
 */
export function achievementCredential(input: {
	id: string;
	issuer: IssuerProfileInput;
	validFrom: Date | string;
	validUntil?: Date | string;
	/** Defaults to the achievement's name. */
	name?: string;
	subject: SubjectInput;
	achievement: AchievementInput;
	status?: StatusEntry;
}): UnsignedAchievementCredential {
	assertSubject(input.subject);
	const credential: UnsignedAchievementCredential = {
		'@context': [CONTEXTS.vc2, CONTEXTS.ob3],
		id: input.id,
		type: ['VerifiableCredential', 'OpenBadgeCredential'],
		issuer: profile(input.issuer),
		validFrom: toDateTime(input.validFrom),
		name: input.name ?? input.achievement.name,
		credentialSubject: {
			type: ['AchievementSubject'],
			...(input.subject.id ? { id: input.subject.id } : {}),
			...(input.subject.identifier?.length ? { identifier: input.subject.identifier } : {}),
			achievement: achievement(input.achievement)
		}
	};
	if (input.validUntil) credential.validUntil = toDateTime(input.validUntil);
	if (input.status) credential.credentialStatus = input.status;
	return credential;
}

/**
 * An unsigned CLR 2.0 ClrCredential bundling already signed OB3 credentials (`credentials`, kept byte for byte so
 * each still verifies on its own); `achievements` defaults to theirs.
 */
export function clrCredential(input: {
	id: string;
	issuer: IssuerProfileInput;
	validFrom: Date | string;
	validUntil?: Date | string;
	name: string;
	description?: string;
	subject: SubjectInput;
	credentials: SignedCredential[];
	achievements?: AchievementInput[];
	status?: StatusEntry;
}): UnsignedClrCredential {
	assertSubject(input.subject);
	if (input.credentials.length === 0) throw new RangeError('a CLR bundles at least one credential');
	const achievements = input.achievements
		? input.achievements.map(achievement)
		: input.credentials
				.map((c) => (c.credentialSubject as { achievement?: Achievement } | undefined)?.achievement)
				.filter((a): a is Achievement => !!a);
	const credential: UnsignedClrCredential = {
		'@context': [CONTEXTS.vc2, CONTEXTS.clr2, CONTEXTS.ob3],
		id: input.id,
		type: ['VerifiableCredential', 'ClrCredential'],
		issuer: profile(input.issuer),
		validFrom: toDateTime(input.validFrom),
		name: input.name,
		credentialSubject: {
			type: ['ClrSubject'],
			...(input.subject.id ? { id: input.subject.id } : {}),
			...(input.subject.identifier?.length ? { identifier: input.subject.identifier } : {}),
			...(achievements.length ? { achievement: structuredClone(achievements) } : {}),
			verifiableCredential: structuredClone(input.credentials)
		}
	};
	if (input.description) credential.description = input.description;
	if (input.validUntil) credential.validUntil = toDateTime(input.validUntil);
	if (input.status) credential.credentialStatus = input.status;
	return credential;
}
