import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineActivity } from '../../src/lib/activities/spec';
import { key, id } from '../../src/lib/protocol/schemas';
import { ok, refuse } from '../../src/lib/domain/result';
import { SERVER_MODULES } from '../../server/features/index';
import type { ServerModule } from '../../server/realtime/modules';
import { connect, makeFacilitator, makeWorkshop, send, startServer } from './harness';

/**
 * A second activity type that exists only in this test: a module is one object handed to the core, and the core
 * serves its commands without knowing it. Its one command writes and then refuses, to prove the refusal rolls back.
 */
const spec = defineActivity({
	type: 'probe',
	phases: ['only'],
	commands: { 'probe:write-then-refuse': { schema: z.object({ key, activityId: id }).strict(), roles: ['owner', 'cofacilitator'] } },
	eventKinds: { 'probe.touched': 1 },
	errorCodes: ['probe_refused'],
	docMaps: {},
	exportFormats: []
});

const probe: ServerModule<typeof spec, { 'probe:write-then-refuse': { activityId: string } }> = {
	spec,
	handlers: {
		'probe:write-then-refuse'(ctx, p) {
			const a = ctx.activity(p.activityId, 'probe');
			if (!a.ok) return a;
			// A write, then a refusal: the write must not survive.
			ctx.deps.repos.activities.rename(a.value.id, 'Written before the refusal');
			ctx.events.push({ kind: 'probe.touched', activityId: a.value.id, subjectId: a.value.id });
			return p.activityId ? refuse('probe_refused') : ok({ activityId: a.value.id });
		}
	},
	defaultTitle: () => 'Probe',
	create() {},
	remove() {},
	project() {},
	privacy: { data: () => ({}), erase() {} }
};

describe('the module seam', () => {
	let s: Awaited<ReturnType<typeof startServer>>;
	beforeAll(async () => {
		s = await startServer(undefined, {}, [...SERVER_MODULES, probe as unknown as ServerModule]);
	});
	afterAll(() => s.close());

	it('serves a module the core does not know, adds its activities, and rolls back a handler that wrote and then refused', async () => {
		const fac = await makeFacilitator(s.deps);
		const w = makeWorkshop(s.deps, fac.user.id);
		const socket = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, fac.cookie);
		try {
			const added = await send(socket, 'activity:add', { key: 'k-probe-add-1', type: 'probe', title: 'A probe' });
			expect(added).toMatchObject({ ok: true });
			if (!added.ok) throw new Error(added.error);
			const activityId = added.data.activityId as string;
			const before = s.deps.repos.participation.ofWorkshop(w.id).length;
			const r = await (socket as unknown as { timeout(ms: number): { emitWithAck(n: string, p: unknown): Promise<unknown> } })
				.timeout(5000)
				.emitWithAck('probe:write-then-refuse', { key: 'k-probe-refuse-1', activityId });
			expect(r).toEqual({ ok: false, error: 'probe_refused' });
			expect(s.deps.repos.activities.get(activityId)?.title).toBe('A probe');
			expect(s.deps.repos.participation.ofWorkshop(w.id)).toHaveLength(before);
			// Nothing was stored for the key either: the same key may be used again.
			expect(s.deps.repos.receipts.find(fac.user.id, 'k-probe-refuse-1')).toBeUndefined();
			// An unknown type is refused and adds nothing.
			expect(await send(socket, 'activity:add', { key: 'k-probe-add-2', type: 'nonsense', title: 'X' })).toEqual({ ok: false, error: 'unknown_activity_type' });
			expect(s.deps.repos.activities.of(w.id).map((a) => a.type).sort()).toEqual(['board', 'probe']);
		} finally {
			socket.disconnect();
		}
	});
});
