import { Worker } from 'node:worker_threads';

/** A signature that takes longer than this is given up (the caller then signs on the event loop, as a last resort). */
const SIGN_TIMEOUT_MS = 20_000;

/**
 * The badges' signing thread, so that confirming a room's badges (5 to 10 ms of CPU per credential, with no I/O the
 * event loop could run between: bench/micro/sign-loop-delay.ts) never holds up the live rooms of this process. One
 * thread per process, started on first use, not keeping the process alive; jobs run in order. The bundled server
 * runs `build/sign-worker.mjs` (scripts/build-server.mjs); from the sources (tests, `npm run dev`) the thread loads
 * `sign-worker.ts` through tsx, as the BarCamp planner's does.
 */
export class SignPool {
	private worker: Worker | null = null;
	private seq = 0;
	private waiting = new Map<number, { resolve(v: object): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
	/** Signatures the thread has answered (for the tests). */
	completed = 0;

	constructor(private keyDir: string) {}

	private start(): Worker {
		const fromSource = import.meta.url.endsWith('.ts');
		const source = new URL('./sign-worker.ts', import.meta.url).href;
		const w = fromSource
			? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`, { eval: true })
			: new Worker(new URL('./sign-worker.mjs', import.meta.url));
		w.unref();
		w.on('message', (msg: { id: number; signed?: object; error?: string }) => {
			const job = this.waiting.get(msg.id);
			if (!job) return;
			this.waiting.delete(msg.id);
			clearTimeout(job.timer);
			if (msg.signed) {
				this.completed++;
				job.resolve(msg.signed);
			} else job.reject(new Error(msg.error ?? 'signing failed'));
		});
		const fail = (e: Error) => {
			if (this.worker === w) this.worker = null;
			for (const job of this.waiting.values()) {
				clearTimeout(job.timer);
				job.reject(e);
			}
			this.waiting.clear();
		};
		w.on('error', fail);
		w.on('exit', (code) => fail(new Error(`signing thread exited (${code})`)));
		return w;
	}

	/** The credential signed in the thread with this organisation's key. */
	sign<T extends object>(unsigned: T, orgId: string, keyId: string, verificationMethodId: string, now: Date): Promise<T> {
		this.worker ??= this.start();
		const worker = this.worker;
		const id = ++this.seq;
		return new Promise<T>((resolve, reject) => {
			const timer = setTimeout(() => {
				this.waiting.delete(id);
				reject(new Error('signing timed out'));
				void worker.terminate();
			}, SIGN_TIMEOUT_MS);
			timer.unref();
			this.waiting.set(id, { resolve: resolve as (v: object) => void, reject, timer });
			worker.postMessage({ id, unsigned, keyDir: this.keyDir, orgId, keyId, verificationMethodId, now: now.getTime() });
		});
	}

	/** Stops the thread (tests, shutdown). */
	async close() {
		const w = this.worker;
		this.worker = null;
		await w?.terminate();
	}
}
