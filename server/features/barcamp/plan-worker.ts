// The BarCamp planner's thread: receives an instance, answers its plan. Nothing else runs here.
import { parentPort } from 'node:worker_threads';
import { plan, type PlanInstance } from '../../../src/lib/features/barcamp/planner';

parentPort!.on('message', (msg: { id: number; instance: PlanInstance }) => {
	try {
		parentPort!.postMessage({ id: msg.id, plan: plan(msg.instance) });
	} catch (e) {
		parentPort!.postMessage({ id: msg.id, error: String(e) });
	}
});
