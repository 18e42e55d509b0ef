import { afterAll, describe, expect, it } from 'vitest';
import type { TextConnection } from '../../src/lib/realtime/text-connection';
import { closeTextClients, textClient } from './text-clients';
import { connect, eventually, key, makeFacilitator, makeParticipant, makeWorkshop, send, sendOk, startServer, tempDataDir } from './harness';

afterAll(closeTextClients);

describe("the board's minutes: who may write follows the room", () => {
	it('a phone writes only the item under discussion once the setting is on; moving on, hiding the card or closing the workshop takes it back', async () => {
		const s = await startServer(tempDataDir(), { textOptions: { flushMs: 30, snapshotMs: 100 } });
		try {
			const fac = await makeFacilitator(s.deps);
			const w = makeWorkshop(s.deps, fac.user.id);
			const boardId = w.activeActivityId!;
			const p = makeParticipant(s.deps, w.id, 'Noor');
			const staff = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, fac.cookie);
			const phone = await connect(s.url, { workshopId: w.id, as: 'participant' }, p.cookie);
			const ok = sendOk;
			const a = (await ok(phone, 'card:create', { boardId, text: 'First topic' })).card.id;
			const b = (await ok(phone, 'card:create', { boardId, text: 'Second topic' })).card.id;
			await ok(staff, 'activity:phase', { activityId: boardId, phase: 'discuss' });
			await ok(staff, 'board:discuss', { boardId, itemId: a });
			const open = (entity: string, cookie?: string) => textClient(s, w.id, entity, cookie, { maxBackoffTime: 100 });
			const access = (c: TextConnection, level: string | null, what: string) => eventually(() => c.status === 'online' && c.access === level, 5000, what);

			// The setting is off: the phone reads, the facilitator writes.
			const facA = open(`${boardId}.${a}`, fac.cookie);
			const phoneA = open(`${boardId}.${a}`, p.cookie);
			await access(facA, 'write', 'facilitator writes');
			await access(phoneA, 'read', 'phone reads with the setting off');

			// On: the phone is told again and may write (its connection is re-authorised, not left as it was).
			await ok(staff, 'board:update', { boardId, settings: { participantsWriteMinutes: true } });
			await access(phoneA, 'write', 'phone writes with the setting on');
			phoneA.ytext.insert(0, 'Noor takes notes. ');
			await eventually(() => facA.text === 'Noor takes notes. ', 3000, 'the facilitator sees the phone write');
			// "Show my data" counts the shared texts the phone wrote in (once the batch is stored).
			await eventually(async () => {
				const mine = await send(phone, 'me:data', {} as never);
				return mine.ok && mine.data.texts === 1;
			}, 3000, 'my data counts the minutes');

			// Another item is discussed: the first one's minutes become read-only for the phone, the new one's writable.
			const phoneB = open(`${boardId}.${b}`, p.cookie);
			await access(phoneB, 'read', 'not the item under discussion');
			await ok(staff, 'board:discuss', { boardId, itemId: b });
			await access(phoneA, 'read', 'the previous item is read-only again');
			await access(phoneB, 'write', 'the item under discussion is writable');

			// Hidden by the facilitator: the phone loses the card's minutes altogether.
			await ok(staff, 'card:moderate', { cardId: b, action: 'hide' });
			await eventually(() => phoneB.ended === 'forbidden', 5000, 'hidden card: no access');

			// Closing the workshop: everyone reads.
			await ok(staff, 'workshop:close', {});
			await access(facA, 'read', 'a closed workshop is read-only');
			await eventually(() => s.deps.repos.participation.ofWorkshop(w.id).some((e) => e.kind === 'board.minutes.written' && e.actorId === p.id), 5000, 'the phone writing was logged');
			staff.disconnect();
			phone.disconnect();
		} finally {
			await s.close();
		}
	});

	it('an entity that names no activity of the workshop, or an item of another board, is refused before anything loads', async () => {
		const s = await startServer(tempDataDir());
		try {
			const fac = await makeFacilitator(s.deps);
			const w = makeWorkshop(s.deps, fac.user.id);
			const other = makeWorkshop(s.deps, fac.user.id, 'Other');
			const staff = await connect(s.url, { workshopId: other.id, as: 'facilitator' }, fac.cookie);
			const r = await send(staff, 'card:create', { key: key(), boardId: other.activeActivityId!, text: 'Elsewhere' } as never);
			if (!r.ok) throw new Error(r.error);
			for (const entity of ['nothing.here', `${w.activeActivityId}.${r.data.card.id}`, `${other.activeActivityId}.${r.data.card.id}`, 'nodot']) {
				const c = textClient(s, w.id, entity, fac.cookie, { maxBackoffTime: 100 });
				await eventually(() => c.ended !== null || c.status === 'offline', 5000, `refused: ${entity}`);
				expect(c.access, entity).toBeNull();
				c.destroy();
			}
			expect(s.deps.repos.texts.snapshotsOf(w.id).size).toBe(0);
			staff.disconnect();
		} finally {
			await s.close();
		}
	});
});
