import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';

/** What signs a proof: its `id` is the verification method the proof names. */
export type Signer = { id: string; algorithm: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> };

/** The public half of a new key: the only part the database keeps. */
export type CreatedKey = { keyId: string; publicKeyMultibase: string };

/** Why the key store refused: a bad id (path), no such key file, or a file that is not a key. */
export type KeyStoreErrorCode = 'key_bad_id' | 'key_missing' | 'key_unreadable';

/** A clear refusal from the key store, with a stable code. */
export class KeyStoreError extends Error {
	constructor(
		readonly code: KeyStoreErrorCode,
		message: string
	) {
		super(`${code}: ${message}`);
		this.name = 'KeyStoreError';
	}
}

/** Ids become file and folder names: letters, digits, `_` and `-` only, so no id walks out of the folder. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

function assertId(kind: string, id: string): void {
	if (typeof id !== 'string' || !SAFE_ID.test(id)) {
		throw new KeyStoreError('key_bad_id', `${kind} ${JSON.stringify(id)} is not a safe id`);
	}
}

/**
 * Ed25519 signing keys of the organisations, one JSON file each under `<dir>/<orgId>/<keyId>.json` (folders 0700,
 * files 0600, readable by the server's user alone). A file holds the exported Multikey pair, secret included; the
 * secret never leaves it except into a signer in this process.
 */
export class KeyStore {
	constructor(readonly dir: string) {}

	/** Generates a key for `orgId`, writes its file, and returns its id and public key. */
	async create(orgId: string): Promise<CreatedKey> {
		assertId('organisation', orgId);
		const keyPair = await Ed25519Multikey.generate();
		const exported = await keyPair.export({ publicKey: true, secretKey: true, includeContext: true });
		const keyId = randomBytes(12).toString('base64url');
		const orgDir = path.join(this.dir, orgId);
		await mkdir(orgDir, { recursive: true, mode: 0o700 });
		await chmod(this.dir, 0o700);
		await chmod(orgDir, 0o700);
		const file = path.join(orgDir, `${keyId}.json`);
		const temp = `${file}.${process.pid}.tmp`;
		await writeFile(temp, JSON.stringify(exported, null, '\t') + '\n', { mode: 0o600, flag: 'wx' });
		await rename(temp, file);
		return { keyId, publicKeyMultibase: keyPair.publicKeyMultibase };
	}

	/** The path of a key's file (for the docs and the tests; never served). */
	file(orgId: string, keyId: string): string {
		assertId('organisation', orgId);
		assertId('key', keyId);
		return path.join(this.dir, orgId, `${keyId}.json`);
	}

	/**
	 * A signer for the key, whose proofs name `verificationMethodId` (issuer.ts computes it). Throws
	 * {@link KeyStoreError} when the file is missing (`key_missing`) or is not an Ed25519 key pair (`key_unreadable`).
	 */
	async signer(orgId: string, keyId: string, verificationMethodId: string): Promise<Signer> {
		const file = this.file(orgId, keyId);
		let text: string;
		try {
			text = await readFile(file, 'utf8');
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'ENOENT') throw new KeyStoreError('key_missing', `no key file ${file}`);
			throw new KeyStoreError('key_unreadable', `cannot read ${file} (${code ?? 'error'})`);
		}
		try {
			const stored = JSON.parse(text) as Record<string, unknown>;
			if (typeof stored.secretKeyMultibase !== 'string') throw new Error('no secretKeyMultibase');
			const controller = verificationMethodId.split('#')[0];
			const keyPair = await Ed25519Multikey.from({ ...stored, id: verificationMethodId, controller });
			return keyPair.signer();
		} catch (error) {
			throw new KeyStoreError('key_unreadable', `${file} is not an Ed25519 Multikey pair (${(error as Error).message})`);
		}
	}
}
