// The badges' signing thread: receives an unsigned credential and which key signs it, answers the signed credential.
// Nothing else runs here; the key is read from its file in this thread (server/badges/sign-pool.ts).
import { parentPort } from 'node:worker_threads';
import { KeyStore, signCredential } from './credentials';

interface Job {
	id: number;
	unsigned: object;
	keyDir: string;
	orgId: string;
	keyId: string;
	verificationMethodId: string;
	now: number;
}

parentPort!.on('message', async (job: Job) => {
	try {
		const signer = await new KeyStore(job.keyDir).signer(job.orgId, job.keyId, job.verificationMethodId);
		const signed = await signCredential(job.unsigned, signer, { now: new Date(job.now) });
		parentPort!.postMessage({ id: job.id, signed });
	} catch (e) {
		parentPort!.postMessage({ id: job.id, error: String((e as Error)?.message ?? e) });
	}
});
