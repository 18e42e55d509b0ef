import { z } from 'zod';
import { CONTEXTS } from './contexts';

/**
 * Shape checks of the credentials this install issues and accepts, written from the specifications' data models:
 * Open Badges 3.0 (1EdTech, §B "Data Models": AchievementCredential, AchievementSubject, Achievement, Profile,
 * IdentityObject, Alignment, Image, Criteria, Proof, CredentialStatus, and the AchievementType, IdentifierType and
 * AlignmentTargetType enumerations), CLR 2.0 (ClrCredential, ClrSubject, Association) and the W3C Bitstring Status
 * List. Extra properties are allowed, as in the specifications' JSON schemas. The signature is verify.ts's business.
 */

/** A URI: a scheme, a colon, no spaces (URLs, DIDs, `urn:uuid:`, `data:` images). */
const uri = z.string().regex(/^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/, 'a URI');
/** An XSD dateTimeStamp (a date-time with its time zone), as VC 2.0 and OB 3.0 require for validFrom/validUntil. */
const dateTime = z.iso.datetime({ offset: true, local: false });
/** OB 3.0 LanguageCode: a BCP 47 tag of language, optional script and region (the pattern of 1EdTech's JSON schema). */
const languageCode = z.string().regex(/^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/, 'a BCP 47 language tag');
/** OB 3.0 lets every enumeration grow with terms that start `ext:`. */
const extension = z.string().regex(/^ext:[A-Za-z0-9._-]+$/);

/** OB 3.0 AchievementType. */
export const ACHIEVEMENT_TYPES = [
	'Achievement',
	'ApprenticeshipCertificate',
	'Assessment',
	'Assignment',
	'AssociateDegree',
	'Award',
	'Badge',
	'BachelorDegree',
	'Certificate',
	'CertificateOfCompletion',
	'Certification',
	'CommunityService',
	'Competency',
	'Course',
	'CoCurricular',
	'Degree',
	'Diploma',
	'DoctoralDegree',
	'Fieldwork',
	'GeneralEducationDevelopment',
	'JourneymanCertificate',
	'LearningProgram',
	'License',
	'Membership',
	'ProfessionalDoctorate',
	'QualityAssuranceCredential',
	'MasterCertificate',
	'MasterDegree',
	'MicroCredential',
	'ResearchDoctorate',
	'SecondarySchoolDiploma'
] as const;

/** OB 3.0 IdentifierTypeEnum. */
export const IDENTIFIER_TYPES = [
	'name',
	'sourcedId',
	'systemId',
	'productId',
	'userName',
	'accountId',
	'emailAddress',
	'nationalIdentityNumber',
	'isbn',
	'issn',
	'lisSourcedId',
	'oneRosterSourcedId',
	'sisSourcedId',
	'ltiContextId',
	'ltiDeploymentId',
	'ltiToolId',
	'ltiPlatformId',
	'ltiUserId',
	'identifier'
] as const;

/** OB 3.0 AlignmentTargetType. */
export const ALIGNMENT_TARGET_TYPES = [
	'ceasn:Competency',
	'ceterms:Credential',
	'CFItem',
	'CFRubric',
	'CFRubricCriterion',
	'CFRubricCriterionLevel',
	'CTDL'
] as const;

/** CLR 2.0 AssociationType. */
export const ASSOCIATION_TYPES = [
	'exactMatchOf',
	'isChildOf',
	'isParentOf',
	'isPartOf',
	'isPeerOf',
	'isRelatedTo',
	'precedes',
	'replacedBy'
] as const;

/** `type`: one IRI or a list of them, that must contain every one of `required`. */
function typeWith(...required: string[]) {
	return z
		.union([z.string(), z.array(z.string()).min(1)])
		.refine((t) => required.every((r) => (Array.isArray(t) ? t.includes(r) : t === r)), {
			message: `type must include ${required.join(' and ')}`
		});
}

/** `type` that contains VerifiableCredential and at least one of `oneOf`. */
function credentialType(oneOf: string[]) {
	return z
		.union([z.string(), z.array(z.string()).min(1)])
		.refine((t) => Array.isArray(t) && t.includes('VerifiableCredential') && oneOf.some((o) => t.includes(o)), {
			message: `type must include VerifiableCredential and one of ${oneOf.join(', ')}`
		});
}

export const ImageSchema = z.looseObject({ id: uri, type: z.literal('Image'), caption: z.string().optional() });

export const ProfileSchema = z.looseObject({
	id: uri,
	type: typeWith('Profile'),
	name: z.string().optional(),
	url: uri.optional(),
	description: z.string().optional(),
	image: ImageSchema.optional(),
	email: z.string().optional()
});

export const IdentityObjectSchema = z
	.looseObject({
		type: z.literal('IdentityObject'),
		hashed: z.boolean(),
		identityHash: z.string().min(1),
		identityType: z.union([z.enum(IDENTIFIER_TYPES), extension]),
		salt: z.string().optional()
	})
	.refine((o) => !o.hashed || /^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$/.test(o.identityHash), {
		message: 'a hashed identityHash is sha256$<64 hex> (or md5$<32 hex>)',
		path: ['identityHash']
	});

export const AlignmentSchema = z.looseObject({
	type: typeWith('Alignment'),
	targetName: z.string().min(1),
	targetUrl: uri,
	targetDescription: z.string().optional(),
	targetCode: z.string().optional(),
	targetFramework: z.string().optional(),
	targetType: z.union([z.enum(ALIGNMENT_TARGET_TYPES), extension]).optional()
});

export const CriteriaSchema = z
	.looseObject({ id: uri.optional(), narrative: z.string().optional() })
	.refine((c) => c.id !== undefined || (c.narrative !== undefined && c.narrative.length > 0), {
		message: 'criteria needs an id or a narrative'
	});

export const AchievementSchema = z.looseObject({
	id: uri,
	type: typeWith('Achievement'),
	achievementType: z.union([z.enum(ACHIEVEMENT_TYPES), extension]).optional(),
	creator: ProfileSchema.optional(),
	criteria: CriteriaSchema,
	description: z.string(),
	name: z.string().min(1),
	image: ImageSchema.optional(),
	tag: z.array(z.string()).optional(),
	alignment: z.array(AlignmentSchema).optional(),
	inLanguage: languageCode.optional(),
	version: z.string().optional(),
	humanCode: z.string().optional()
});

export const AchievementSubjectSchema = z
	.looseObject({
		id: uri.optional(),
		type: typeWith('AchievementSubject'),
		identifier: z.array(IdentityObjectSchema).optional(),
		achievement: AchievementSchema
	})
	.refine((s) => s.id !== undefined || (s.identifier?.length ?? 0) > 0, {
		message: 'the subject needs an id or an identifier'
	});

/** A Data Integrity proof (OB 3.0 Proof; DataIntegrityProof requires cryptosuite, method, purpose and value). */
export const ProofSchema = z
	.looseObject({
		type: z.string().min(1),
		created: dateTime.optional(),
		cryptosuite: z.string().optional(),
		challenge: z.string().optional(),
		domain: z.string().optional(),
		nonce: z.string().optional(),
		proofPurpose: z.literal('assertionMethod').optional(),
		proofValue: z.string().optional(),
		verificationMethod: uri.optional()
	})
	.refine(
		(p) =>
			p.type !== 'DataIntegrityProof' ||
			(!!p.cryptosuite && !!p.proofPurpose && !!p.verificationMethod && /^z[1-9A-HJ-NP-Za-km-z]+$/.test(p.proofValue ?? '')),
		{ message: 'a DataIntegrityProof names its cryptosuite, proofPurpose, verificationMethod and a multibase proofValue' }
	);

export const CredentialStatusSchema = z
	.looseObject({
		id: uri,
		type: z.string().min(1),
		statusPurpose: z.string().optional(),
		statusListIndex: z.string().optional(),
		statusListCredential: uri.optional()
	})
	.refine(
		(s) =>
			s.type !== 'BitstringStatusListEntry' ||
			(!!s.statusPurpose && /^(0|[1-9][0-9]*)$/.test(s.statusListIndex ?? '') && !!s.statusListCredential),
		{ message: 'a BitstringStatusListEntry has statusPurpose, a decimal statusListIndex and statusListCredential' }
	);

const OB3_CONTEXT = /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.\d+\.\d+)?\.json$/;
const CLR2_CONTEXT = /^https:\/\/purl\.imsglobal\.org\/spec\/clr\/v2p0\/context(-2\.\d+\.\d+)?\.json$/;

const proofs = z.union([ProofSchema, z.array(ProofSchema).min(1)]);

const credentialBase = {
	id: uri,
	/** OB 3.0 ProfileRef: the issuer's URI or its Profile (this install always writes the Profile). */
	issuer: z.union([uri, ProfileSchema]),
	name: z.string().min(1),
	description: z.string().optional(),
	image: ImageSchema.optional(),
	awardedDate: dateTime.optional(),
	validFrom: dateTime,
	validUntil: dateTime.optional(),
	credentialStatus: CredentialStatusSchema.optional()
};

const validityOrder = (c: { validFrom: string; validUntil?: string }) =>
	c.validUntil === undefined || Date.parse(c.validUntil) > Date.parse(c.validFrom);
const validityMessage = { message: 'validUntil comes after validFrom', path: ['validUntil'] };

/** An OB 3.0 AchievementCredential (OpenBadgeCredential) before signing. */
export const UnsignedAchievementCredentialSchema = z
	.looseObject({
		'@context': z
			.array(z.string())
			.min(2)
			.refine((c) => c[0] === CONTEXTS.vc2 && OB3_CONTEXT.test(c[1]), {
				message: `@context starts with ${CONTEXTS.vc2} and the Open Badges 3.0 context`
			}),
		type: credentialType(['AchievementCredential', 'OpenBadgeCredential']),
		credentialSubject: AchievementSubjectSchema,
		...credentialBase
	})
	.refine(validityOrder, validityMessage);

/** A signed OB 3.0 AchievementCredential. */
export const AchievementCredentialSchema = UnsignedAchievementCredentialSchema.and(z.looseObject({ proof: proofs }));

export const AssociationSchema = z.looseObject({
	type: z.literal('Association'),
	associationType: z.enum(ASSOCIATION_TYPES),
	sourceId: uri,
	targetId: uri
});

export const ClrSubjectSchema = z.looseObject({
	id: uri.optional(),
	type: typeWith('ClrSubject'),
	identifier: z.array(IdentityObjectSchema).optional(),
	achievement: z.array(AchievementSchema).optional(),
	verifiableCredential: z.array(AchievementCredentialSchema).min(1),
	association: z.array(AssociationSchema).optional()
});

/** A CLR 2.0 ClrCredential before signing. */
export const UnsignedClrCredentialSchema = z
	.looseObject({
		'@context': z
			.array(z.string())
			.min(3)
			.refine((c) => c[0] === CONTEXTS.vc2 && CLR2_CONTEXT.test(c[1]) && OB3_CONTEXT.test(c[2]), {
				message: `@context starts with ${CONTEXTS.vc2}, the CLR 2.0 context and the Open Badges 3.0 context`
			}),
		type: credentialType(['ClrCredential']),
		partial: z.boolean().optional(),
		credentialSubject: ClrSubjectSchema,
		...credentialBase
	})
	.refine(validityOrder, validityMessage);

/** A signed CLR 2.0 ClrCredential. */
export const ClrCredentialSchema = UnsignedClrCredentialSchema.and(z.looseObject({ proof: proofs }));

/** A W3C BitstringStatusListCredential (signed). */
export const StatusListCredentialSchema = z.looseObject({
	'@context': z.array(z.string()).refine((c) => c[0] === CONTEXTS.vc2, { message: `@context starts with ${CONTEXTS.vc2}` }),
	id: uri,
	type: credentialType(['BitstringStatusListCredential']),
	issuer: z.union([uri, ProfileSchema]),
	validFrom: dateTime.optional(),
	validUntil: dateTime.optional(),
	credentialSubject: z.looseObject({
		id: uri.optional(),
		type: z.literal('BitstringStatusList'),
		statusPurpose: z.union([z.string(), z.array(z.string())]),
		encodedList: z.string().regex(/^u[A-Za-z0-9_-]+$/)
	}),
	proof: proofs
});

/** Which kind of credential a document is by its `type`, or null. */
export type CredentialKind = 'achievement' | 'clr' | 'status_list';

/** The kind of `doc` by its `type`, or null when it is none of ours. */
export function kindOf(doc: unknown): CredentialKind | null {
	const type = (doc as { type?: unknown } | null)?.type;
	const types = Array.isArray(type) ? type : [type];
	if (types.includes('ClrCredential')) return 'clr';
	if (types.includes('AchievementCredential') || types.includes('OpenBadgeCredential')) return 'achievement';
	if (types.includes('BitstringStatusListCredential')) return 'status_list';
	return null;
}

/**
 * The shape check of a signed credential: its kind and, when it does not fit its schema, the issues as
 * `path: message` lines (for logs and tests; the verification page says `shape_invalid` in plain words).
 */
export function checkShape(doc: unknown): { kind: CredentialKind | null; ok: boolean; issues: string[] } {
	const kind = kindOf(doc);
	if (!kind) return { kind, ok: false, issues: ['type: not an OpenBadgeCredential, ClrCredential or status list'] };
	const schema =
		kind === 'clr' ? ClrCredentialSchema : kind === 'achievement' ? AchievementCredentialSchema : StatusListCredentialSchema;
	const result = schema.safeParse(doc);
	if (result.success) return { kind, ok: true, issues: [] };
	return {
		kind,
		ok: false,
		issues: result.error.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
	};
}
