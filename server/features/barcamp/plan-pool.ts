import { Worker } from 'node:worker_threads';
import type { Plan, PlanInstance } from '../../../src/lib/features/barcamp/planner';

/** A plan that takes longer than this is given up (the handler then plans on the event loop, as a last resort). */
const PLAN_TIMEOUT_MS = 20_000;
/** Plans waiting at once, per process; more are refused rather than queued (a facilitator pressing Plan again and again). */
const MAX_WAITING = 8;

/**
 * The planner's worker thread, so that a press of Plan (a few hundred milliseconds for 60 sessions and 600 people)
 * never holds up the room's event loop. One thread per process, started on first use, not keeping the process
 * alive; plans run one after the other. The bundled server runs `build/plan-worker.mjs` (scripts/build-server.mjs);
 * from the sources (tests, `npm run dev`) the thread loads `plan-worker.ts` through tsx.
 */
class PlanPool {
	private worker: Worker | null = null;
	private seq = 0;
	private waiting = new Map<number, { resolve(p: Plan): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
	/** Plans the thread has answered (for the tests and the logs). */
	completed = 0;

	private start(): Worker {
		const fromSource = import.meta.url.endsWith('.ts');
		// From the sources the thread registers tsx before it loads the TypeScript entry (a worker does not inherit
		// the parent's loader, and `--import tsx` in its execArgv comes too late for its entry file).
		const source = new URL('./plan-worker.ts', import.meta.url).href;
		const w = fromSource
			? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`, { eval: true })
			: new Worker(new URL('./plan-worker.mjs', import.meta.url));
		w.unref();
		w.on('message', (msg: { id: number; plan?: Plan; error?: string }) => {
			const job = this.waiting.get(msg.id);
			if (!job) return;
			this.waiting.delete(msg.id);
			clearTimeout(job.timer);
			if (msg.plan) {
				this.completed++;
				job.resolve(msg.plan);
			}
			else job.reject(new Error(msg.error ?? 'planner failed'));
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
		w.on('exit', (code) => fail(new Error(`planner thread exited (${code})`)));
		return w;
	}

	/** The plan of an instance, computed in the worker thread. */
	plan(instance: PlanInstance): Promise<Plan> {
		if (this.waiting.size >= MAX_WAITING) return Promise.reject(new Error('too many plans waiting'));
		this.worker ??= this.start();
		const worker = this.worker;
		const id = ++this.seq;
		return new Promise<Plan>((resolve, reject) => {
			const timer = setTimeout(() => {
				this.waiting.delete(id);
				reject(new Error('planner timed out'));
				// A thread that does not answer is replaced.
				void worker.terminate();
			}, PLAN_TIMEOUT_MS);
			timer.unref();
			this.waiting.set(id, { resolve, reject, timer });
			worker.postMessage({ id, instance });
		});
	}

	/** Stops the thread (tests, shutdown). */
	async close() {
		const w = this.worker;
		this.worker = null;
		await w?.terminate();
	}
}

export const planPool = new PlanPool();
