import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { COMMAND_NAMES, COMMANDS, type CommandName } from '../../src/lib/features/index';
import { mayCommand, type AccessRole } from '../../src/lib/protocol/permissions';
import { boardRepo } from '../../server/features/board/repo';
import { hackathonRepo } from '../../server/features/hackathon/repo';
import type { HandshakeAuth } from '../../src/lib/protocol/events';
import { connect, key, makeFacilitator, makeParticipant, makeWorkshop, send, startServer } from './harness';

type Server = Awaited<ReturnType<typeof startServer>>;
/** The roles that connect over socket.io (a juror sends commands only from the jury page, through Gateway.command). */
type SocketRole = Exclude<AccessRole, 'juror'>;
const ROLES: SocketRole[] = ['owner', 'cofacilitator', 'participant', 'projector'];
const ALL_ROLES: AccessRole[] = [...ROLES, 'juror'];

/**
 * The role model as docs/SECURITY.md states it, written out here on purpose (not imported from the code), so a
 * change to the permissions table that the docs do not say fails this test. O = owner, C = co-facilitator,
 * P = participant, J = projector, U = juror (the jury link).
 */
const SPEC: Record<CommandName, string> = {
	'session:hello': 'OCPJ',
	'activity:add': 'OC',
	'activity:rename': 'OC',
	'activity:move': 'OC',
	'activity:remove': 'OC',
	'activity:activate': 'OC',
	'activity:phase': 'OC',
	'card:create': 'OCP',
	'card:update': 'OCP',
	'card:delete': 'OCP',
	'card:move': 'OC',
	'card:moderate': 'OC',
	'card:bulk': 'OC',
	'cluster:create': 'OC',
	'cluster:update': 'OC',
	'cluster:delete': 'OC',
	'vote:cast': 'P',
	'board:update': 'OC',
	'board:columns': 'OC',
	'board:lanes': 'OC',
	'board:voting': 'OC',
	'board:discuss': 'OC',
	'timer:control': 'OC',
	'workshop:close': 'O',
	'workshop:delete': 'O',
	'projector:rotate': 'OC',
	'invite:rotate': 'O',
	'cofacilitator:remove': 'O',
	'me:data': 'P',
	'me:forget': 'P',
	'people:list': 'OC',
	'participant:rename': 'OC',
	'participant:remove': 'OC',
	'barcamp:settings': 'OC',
	'barcamp:rooms': 'OC',
	'barcamp:slots': 'OC',
	'proposal:create': 'OCP',
	'proposal:update': 'OCP',
	'proposal:withdraw': 'P',
	'proposal:reject': 'OC',
	'proposal:restore': 'OC',
	'proposal:merge': 'OC',
	'proposal:move': 'OC',
	'barcamp:pitch': 'OC',
	'interest:set': 'P',
	'barcamp:plan': 'OC',
	'barcamp:place': 'OC',
	'barcamp:pin': 'OC',
	'barcamp:hosted': 'OC',
	'checkin:set': 'P',
	'hackathon:settings': 'OC',
	'hackathon:challenges': 'OC',
	'hackathon:stages': 'OC',
	'hackathon:rubric': 'OC',
	'hackathon:jurors': 'OC',
	'hackathon:match': 'OC',
	'hackathon:pitch': 'OC',
	'hackathon:judging': 'OC',
	'hackathon:voting': 'OC',
	'hackathon:ceremony': 'OC',
	'hackathon:showcase': 'OC',
	'hackathon:profile': 'P',
	'team:create': 'P',
	'team:join': 'P',
	'team:leave': 'P',
	'team:update': 'OCP',
	'team:stage': 'OCP',
	'team:check': 'OCP',
	'team:submit': 'P',
	'team:consent': 'P',
	'team:remove': 'OC',
	'hackathon:vote': 'P',
	'jury:score': 'U',
	'jury:done': 'U'
};
const LETTER: Record<AccessRole, string> = { owner: 'O', cofacilitator: 'C', participant: 'P', projector: 'J', juror: 'U' };
const allowedBySpec = (name: CommandName, role: AccessRole) => SPEC[name].includes(LETTER[role]);

/** A syntactically valid payload for each command, aimed at real objects of the workshop. */
function samplePayload(name: CommandName, ids: { boardId: string; cardId: string; clusterId: string; columnId: string; code: string; campId: string; proposalId: string; otherId: string; cofacId: string; participantId: string; hackId: string; teamId: string; stageId: string }): Record<string, unknown> {
	const k = key();
	const samples: Record<CommandName, Record<string, unknown>> = {
		'session:hello': {},
		'activity:add': { key: k, type: 'board', title: 'Second' },
		'activity:rename': { key: k, activityId: ids.boardId, title: 'Renamed' },
		'activity:move': { key: k, activityId: ids.boardId, toIndex: 0 },
		'activity:remove': { key: k, activityId: ids.boardId },
		'activity:activate': { key: k, activityId: ids.boardId },
		'activity:phase': { key: k, activityId: ids.boardId, phase: 'group' },
		'card:create': { key: k, boardId: ids.boardId, text: 'role check' },
		'card:update': { key: k, cardId: ids.cardId, text: 'changed' },
		'card:delete': { key: k, cardId: ids.cardId },
		'card:move': { key: k, cardId: ids.cardId, columnId: ids.columnId },
		'card:moderate': { key: k, cardId: ids.cardId, action: 'hide' },
		'card:bulk': { key: k, boardId: ids.boardId, cardIds: [ids.cardId], op: { type: 'hide' } },
		'cluster:create': { key: k, boardId: ids.boardId, title: 'Group' },
		'cluster:update': { key: k, clusterId: ids.clusterId, title: 'Renamed' },
		'cluster:delete': { key: k, clusterId: ids.clusterId },
		'vote:cast': { key: k, boardId: ids.boardId, itemId: ids.cardId, delta: 1 },
		'board:update': { key: k, boardId: ids.boardId, settings: { voteBudget: 5 } },
		'board:columns': { key: k, boardId: ids.boardId, op: { type: 'add', title: 'New' } },
		'board:lanes': { key: k, boardId: ids.boardId, op: { type: 'add', title: 'Lane' } },
		'board:voting': { key: k, boardId: ids.boardId, closed: true },
		'board:discuss': { key: k, boardId: ids.boardId, itemId: null },
		'timer:control': { key: k, action: 'start', seconds: 60 },
		'workshop:close': { key: k },
		'workshop:delete': { key: k, confirmCode: ids.code },
		'projector:rotate': { key: k },
		'invite:rotate': { key: k },
		'cofacilitator:remove': { key: k, userId: ids.cofacId },
		'me:data': {},
		'me:forget': { key: k },
		'people:list': { locale: 'en' },
		'participant:rename': { key: k, participantId: ids.participantId, nickname: 'Pat Renamed' },
		'participant:remove': { key: k, participantId: ids.participantId, content: 'keep' },
		'barcamp:settings': { key: k, activityId: ids.campId, settings: { showCounts: true } },
		'barcamp:rooms': { key: k, activityId: ids.campId, op: { type: 'add', name: 'Room A', capacity: 20, features: ['projector'] } },
		'barcamp:slots': { key: k, activityId: ids.campId, op: { type: 'add', start: 1_800_000_000_000, end: 1_800_000_000_000 + 45 * 60_000, kind: 'sessions' } },
		'proposal:create': { key: k, activityId: ids.campId, title: 'Session', description: '', format: 'talk', needs: [], cohostIds: [], anonymous: false },
		'proposal:update': { key: k, proposalId: ids.proposalId, title: 'Changed' },
		'proposal:withdraw': { key: k, proposalId: ids.proposalId },
		'proposal:reject': { key: k, proposalId: ids.proposalId, reason: 'Off topic' },
		'proposal:restore': { key: k, proposalId: ids.proposalId },
		'proposal:merge': { key: k, proposalId: ids.otherId, intoId: ids.proposalId },
		'proposal:move': { key: k, proposalId: ids.proposalId, toIndex: 1 },
		'barcamp:pitch': { key: k, activityId: ids.campId, proposalId: ids.proposalId },
		'interest:set': { key: k, proposalId: ids.proposalId, on: true },
		'barcamp:plan': { key: k, activityId: ids.campId },
		'barcamp:place': { key: k, proposalId: ids.proposalId, roomId: null, slotId: null },
		'barcamp:pin': { key: k, proposalId: ids.proposalId, pinned: true },
		'barcamp:hosted': { key: k, proposalId: ids.proposalId, hostIds: [] },
		'checkin:set': { key: k, proposalId: ids.proposalId },
		'hackathon:settings': { key: k, activityId: ids.hackId, settings: { maxTeamSize: 4 } },
		'hackathon:challenges': { key: k, activityId: ids.hackId, op: { type: 'add', title: 'Clean water', description: '', partner: 'City' } },
		'hackathon:stages': { key: k, activityId: ids.hackId, stages: [{ name: 'Idea', checklist: ['One sentence'] }] },
		'hackathon:rubric': { key: k, activityId: ids.hackId, criteria: [{ name: 'Idea', weight: 2 }] },
		'hackathon:jurors': { key: k, activityId: ids.hackId, op: { type: 'add', name: 'Jo', teamIds: null } },
		'hackathon:match': { key: k, activityId: ids.hackId, seed: 1 },
		'hackathon:pitch': { key: k, activityId: ids.hackId, teamId: ids.teamId },
		'hackathon:judging': { key: k, activityId: ids.hackId, closed: true },
		'hackathon:voting': { key: k, activityId: ids.hackId, open: true },
		'hackathon:ceremony': { key: k, activityId: ids.hackId, action: 'start' },
		'hackathon:showcase': { key: k, activityId: ids.hackId, op: { type: 'publish' } },
		'hackathon:profile': { key: k, activityId: ids.hackId, skills: ['code'], interests: [], tags: [], challenges: [], matchMe: false },
		'team:create': { key: k, activityId: ids.hackId, name: 'Other team', challengeId: null },
		'team:join': { key: k, teamId: ids.teamId },
		'team:leave': { key: k, teamId: ids.teamId },
		'team:update': { key: k, teamId: ids.teamId, title: 'Water app' },
		'team:stage': { key: k, teamId: ids.teamId, stageId: ids.stageId },
		'team:check': { key: k, teamId: ids.teamId, stageId: ids.stageId, index: 0, done: true },
		'team:submit': { key: k, teamId: ids.teamId, submitted: true },
		'team:consent': { key: k, teamId: ids.teamId, showcase: true, showName: false },
		'team:remove': { key: k, teamId: ids.teamId },
		'hackathon:vote': { key: k, teamId: ids.teamId },
		'jury:score': { key: k, teamId: ids.teamId, scores: {}, comment: '' },
		'jury:done': { key: k, activityId: ids.hackId, done: true }
	};
	return samples[name];
}

describe('role model: every role against every command and every room', () => {
	let s: Server;
	let owner: Awaited<ReturnType<typeof makeFacilitator>>;
	let cofac: Awaited<ReturnType<typeof makeFacilitator>>;

	beforeAll(async () => {
		s = await startServer();
		owner = await makeFacilitator(s.deps, 'owner');
		cofac = await makeFacilitator(s.deps, 'cofac');
	});
	afterAll(() => s.close());

	/** A fresh workshop with a card and a cluster, and one connected socket per role. */
	async function setup() {
		const w = makeWorkshop(s.deps, owner.user.id);
		s.deps.services.acceptInvite(w.inviteToken, cofac.user.id);
		const p = makeParticipant(s.deps, w.id, 'Pat');
		const sockets: Record<SocketRole, Awaited<ReturnType<typeof connect>>> = {
			owner: await connect(s.url, { workshopId: w.id, as: 'facilitator' }, owner.cookie),
			cofacilitator: await connect(s.url, { workshopId: w.id, as: 'facilitator' }, cofac.cookie),
			participant: await connect(s.url, { workshopId: w.id, as: 'participant' }, p.cookie),
			projector: await connect(s.url, { workshopId: w.id, as: 'projector', projectorToken: w.projectorToken })
		};
		const board = boardRepo(s.deps).board(w.activeActivityId!)!;
		const card = await send(sockets.participant, 'card:create', { key: key(), boardId: board.id, text: 'mine' });
		const cluster = await send(sockets.owner, 'cluster:create', { key: key(), boardId: board.id, title: 'Cl' });
		const camp = await send(sockets.owner, 'activity:add', { key: key(), type: 'barcamp' });
		const campId = camp.ok ? camp.data.activityId : '';
		const proposal = (title: string) => send(sockets.owner, 'proposal:create', { key: key(), activityId: campId, title, description: '', format: 'talk', needs: [], cohostIds: [], anonymous: false });
		const [p1, p2] = [await proposal('One'), await proposal('Two')];
		// A hackathon with a team of the participant (made while the room follows it; then the room follows the board again).
		const hack = await send(sockets.owner, 'activity:add', { key: key(), type: 'hackathon' });
		const hackId = hack.ok ? hack.data.activityId : '';
		await send(sockets.owner, 'activity:activate', { key: key(), activityId: hackId });
		await send(sockets.owner, 'activity:phase', { key: key(), activityId: hackId, phase: 'teams' });
		const team = await send(sockets.participant, 'team:create', { key: key(), activityId: hackId, name: 'Team Pat', challengeId: null });
		await send(sockets.owner, 'activity:activate', { key: key(), activityId: board.id });
		const ids = {
			boardId: board.id,
			cardId: card.ok ? card.data.card.id : '',
			clusterId: cluster.ok ? cluster.data.clusterId : '',
			columnId: board.columns[1].id,
			code: w.code,
			campId,
			proposalId: p1.ok ? p1.data.proposal.id : '',
			otherId: p2.ok ? p2.data.proposal.id : '',
			cofacId: cofac.user.id,
			participantId: p.id,
			hackId,
			teamId: team.ok ? team.data.teamId : '',
			stageId: hackathonRepo(s.deps).hack(hackId)!.stages[1].id
		};
		return { w, sockets, ids, close: () => Object.values(sockets).forEach((so) => so.close()) };
	}

	for (const name of COMMAND_NAMES) {
		it(`${name}: allowed for ${ALL_ROLES.filter((r) => allowedBySpec(name, r)).join(', ')}; forbidden for the rest`, async () => {
			expect([...COMMANDS[name].roles].sort(), `permissions table for ${name}`).toEqual(ALL_ROLES.filter((r) => allowedBySpec(name, r)).sort());
			for (const role of ALL_ROLES) expect(mayCommand(role, COMMANDS[name]), `mayCommand(${role}, ${name})`).toBe(allowedBySpec(name, role));
			for (const role of ROLES) {
				const { sockets, ids, close } = await setup();
				try {
					const r = await send(sockets[role], name, samplePayload(name, ids) as never);
					const allowed = allowedBySpec(name, role);
					const got = r.ok ? 'ok' : r.error;
					if (allowed) expect(got, `${role} ${name} in own workshop`).not.toBe('forbidden');
					else expect(got, `${role} ${name} in own workshop`).toBe('forbidden');
					if (allowed) expect(got, `${role} ${name} in own workshop`).not.toBe('invalid_payload');
				} finally {
					close();
				}
			}
		});
	}

	it('participant commands follow the phase: cards only in Collect, dots only in Vote', async () => {
		const { sockets, ids, close } = await setup();
		try {
			for (const phase of ['collect', 'reveal', 'group', 'vote', 'discuss'] as const) {
				expect((await send(sockets.owner, 'activity:phase', { key: key(), activityId: ids.boardId, phase })).ok).toBe(true);
				const card = await send(sockets.participant, 'card:create', { key: key(), boardId: ids.boardId, text: `in ${phase}` });
				expect(card.ok ? 'ok' : card.error, `card:create in ${phase}`).toBe(phase === 'collect' ? 'ok' : 'phase_closed');
				const vote = await send(sockets.participant, 'vote:cast', { key: key(), boardId: ids.boardId, itemId: ids.clusterId, delta: 1 });
				expect(vote.ok ? 'ok' : vote.error, `vote:cast in ${phase}`).toBe(phase === 'vote' ? 'ok' : 'not_voting_phase');
				if (vote.ok) await send(sockets.participant, 'vote:cast', { key: key(), boardId: ids.boardId, itemId: ids.clusterId, delta: -1 });
			}
		} finally {
			close();
		}
	});

	it('each role reaches exactly its own rooms: socket.io workshop, public and staff documents', async () => {
		const a = await setup();
		const b = await setup();
		const p = makeParticipant(s.deps, a.w.id, 'Room');
		const creds: Record<SocketRole, { cookie?: string; auth: (w: string) => HandshakeAuth; projector?: string }> = {
			owner: { cookie: owner.cookie, auth: (w) => ({ workshopId: w, as: 'facilitator' }) },
			cofacilitator: { cookie: cofac.cookie, auth: (w) => ({ workshopId: w, as: 'facilitator' }) },
			participant: { cookie: p.cookie, auth: (w) => ({ workshopId: w, as: 'participant' }) },
			projector: { auth: (w) => ({ workshopId: w, as: 'projector', projectorToken: a.w.projectorToken }), projector: a.w.projectorToken }
		};
		// Both facilitators facilitate workshop b too (the owner created it, cofac accepted), so use a third workshop
		// owned by someone else as "another workshop".
		const stranger = await makeFacilitator(s.deps, 'stranger');
		const other = makeWorkshop(s.deps, stranger.user.id, 'Not yours');
		const upgrade = (path: string, cookie?: string) =>
			new Promise<number>((resolve) => {
				const ws = new WebSocket(`${s.url.replace('http', 'ws')}${path}`, { headers: cookie ? { cookie } : {} });
				ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
				ws.on('open', () => (ws.close(), resolve(101)));
				ws.on('error', () => resolve(-1));
			});
		const docsBefore = s.realtime.yjs.roomCount;
		for (const role of ROLES) {
			const c = creds[role];
			const q = c.projector ? `?projector=${c.projector}` : '';
			expect(await upgrade(`/yjs/${a.w.id}/public${q}`, c.cookie), `${role} own public doc`).toBe(101);
			expect(await upgrade(`/yjs/${a.w.id}/staff${q}`, c.cookie), `${role} own staff doc`).toBe(role === 'owner' || role === 'cofacilitator' ? 101 : 403);
			expect(await upgrade(`/yjs/${other.id}/public${q}`, c.cookie), `${role} another workshop's public doc`).toBe(403);
			expect(await upgrade(`/yjs/${other.id}/staff${q}`, c.cookie), `${role} another workshop's staff doc`).toBe(403);
			const own = await connect(s.url, c.auth(a.w.id), c.cookie);
			own.close();
			await expect(connect(s.url, c.auth(other.id), c.cookie), `${role} another workshop's socket room`).rejects.toThrow(/unauthorized/);
		}
		expect(s.realtime.yjs.loaded(`${other.id}/public`)).toBeNull();
		expect(s.realtime.yjs.loaded(`${other.id}/staff`)).toBeNull();
		expect(s.realtime.yjs.roomCount).toBeLessThanOrEqual(docsBefore + 2);
		a.close();
		b.close();
	});
});
