import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, eventually, key, makeFacilitator, makeWorkshop, send, sendOk, startServer } from './harness';

type Server = Awaited<ReturnType<typeof startServer>>;

describe('co-facilitators: the owner sees, removes and re-invites them', () => {
	let s: Server;
	let owner: Awaited<ReturnType<typeof makeFacilitator>>;
	let cofac: Awaited<ReturnType<typeof makeFacilitator>>;

	beforeAll(async () => {
		s = await startServer();
		owner = await makeFacilitator(s.deps, 'Olive');
		cofac = await makeFacilitator(s.deps, 'Cleo');
	});
	afterAll(() => s.close());

	it('removing a co-facilitator ends their live connection at once and refuses them afterwards', async () => {
		const w = makeWorkshop(s.deps, owner.user.id);
		expect(s.deps.services.acceptInvite(w.inviteToken, cofac.user.id)).toBeTruthy();
		expect(s.deps.repos.workshops.cofacilitators(w.id).map((c) => c.name)).toEqual(['Cleo']);
		const o = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, owner.cookie);
		const c = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, cofac.cookie);
		const ended: string[] = [];
		c.on('session:ended', (e) => ended.push(e.reason));
		let disconnected = false;
		c.on('disconnect', () => (disconnected = true));
		// Before: the co-facilitator runs the room.
		await sendOk(c, 'timer:control', { action: 'start', seconds: 60 });

		// The owner cannot be removed this way, nor can someone who is not a member.
		const self = await send(o, 'cofacilitator:remove', { key: key(), userId: owner.user.id });
		expect(self.ok ? 'ok' : self.error).toBe('not_found');
		expect(await sendOk(o, 'cofacilitator:remove', { userId: cofac.user.id })).toEqual({ userId: cofac.user.id });

		await eventually(() => disconnected, 5000, 'the removed co-facilitator disconnected');
		expect(ended).toEqual(['removed']);
		expect(s.deps.repos.workshops.memberRole(w.id, cofac.user.id)).toBeNull();
		expect(s.deps.repos.workshops.cofacilitators(w.id)).toEqual([]);
		// Their next connection (and so every command) is refused, and so is the control room's page load.
		await expect(connect(s.url, { workshopId: w.id, as: 'facilitator' }, cofac.cookie)).rejects.toThrow();
		expect(s.deps.services.workshopForFacilitator(w.id, cofac.user.id)).toBeNull();
		// Recorded in the participation log.
		const kinds = s.deps.sqlite.prepare('select kind, subject_id as subject from participation_events where workshop_id = ?').all(w.id) as { kind: string; subject: string }[];
		expect(kinds).toContainEqual({ kind: 'workshop.cofacilitator.removed', subject: cofac.user.id });
		// The owner is still there.
		await sendOk(o, 'timer:control', { action: 'reset' });
		o.close();
	});

	it('a live socket of a co-facilitator removed meanwhile is refused on its next command', async () => {
		const w = makeWorkshop(s.deps, owner.user.id);
		s.deps.services.acceptInvite(w.inviteToken, cofac.user.id);
		const c = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, cofac.cookie);
		// Membership gone without the live side being told (as after a restart between the two): the gateway re-reads it.
		s.deps.repos.workshops.removeCofacilitator(w.id, cofac.user.id);
		const r = await send(c, 'timer:control', { key: key(), action: 'start', seconds: 60 });
		expect(r.ok ? 'ok' : r.error).toBe('forbidden');
		c.close();
	});

	it('renewing the invite link kills the old token; members stay', async () => {
		const w = makeWorkshop(s.deps, owner.user.id);
		s.deps.services.acceptInvite(w.inviteToken, cofac.user.id);
		const o = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, owner.cookie);
		const { inviteToken } = await sendOk(o, 'invite:rotate', {});
		expect(inviteToken).not.toBe(w.inviteToken);
		const late = await makeFacilitator(s.deps);
		expect(s.deps.services.acceptInvite(w.inviteToken, late.user.id)).toBeNull();
		expect(s.deps.repos.workshops.memberRole(w.id, late.user.id)).toBeNull();
		expect(s.deps.services.acceptInvite(inviteToken, late.user.id)?.id).toBe(w.id);
		expect(s.deps.repos.workshops.memberRole(w.id, cofac.user.id)).toBe('cofacilitator');
		o.close();
	});

	it("a co-facilitator's close, remove, invite renewal and delete are forbidden and change nothing", async () => {
		const w = makeWorkshop(s.deps, owner.user.id);
		s.deps.services.acceptInvite(w.inviteToken, cofac.user.id);
		const other = await makeFacilitator(s.deps);
		s.deps.services.acceptInvite(w.inviteToken, other.user.id);
		const c = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, cofac.cookie);
		const tries = [
			await send(c, 'workshop:close', { key: key() }),
			await send(c, 'cofacilitator:remove', { key: key(), userId: other.user.id }),
			await send(c, 'cofacilitator:remove', { key: key(), userId: cofac.user.id }),
			await send(c, 'invite:rotate', { key: key() }),
			await send(c, 'workshop:delete', { key: key(), confirmCode: w.code })
		];
		expect(tries.map((r) => (r.ok ? 'ok' : r.error))).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden']);
		const now = s.deps.repos.workshops.get(w.id)!;
		expect(now.status).toBe('open');
		expect(now.inviteToken).toBe(w.inviteToken);
		expect(s.deps.repos.workshops.cofacilitators(w.id).map((x) => x.userId).sort()).toEqual([cofac.user.id, other.user.id].sort());
		c.close();
	});

	it('a closed workshop still lets the owner remove a co-facilitator and renew the invite link', async () => {
		const w = makeWorkshop(s.deps, owner.user.id);
		s.deps.services.acceptInvite(w.inviteToken, cofac.user.id);
		const o = await connect(s.url, { workshopId: w.id, as: 'facilitator' }, owner.cookie);
		await sendOk(o, 'workshop:close', {});
		await sendOk(o, 'invite:rotate', {});
		await sendOk(o, 'cofacilitator:remove', { userId: cofac.user.id });
		expect(s.deps.repos.workshops.memberRole(w.id, cofac.user.id)).toBeNull();
		o.close();
	});
});
