import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HACKATHON_MAPS } from '../../src/lib/features/hackathon/info';
import type { HackView, TeamView } from '../../src/lib/features/hackathon/views';
import { hackathonPages } from '../../server/features/hackathon/service';
import { hackathonRepo } from '../../server/features/hackathon/repo';
import { connect, eventually, key, makeFacilitator, makeParticipant, makeWorkshop, replica, send, sendOk, startServer, tempDataDir, type ClientSocket } from './harness';
import { closeTextClients, online, textClient } from './text-clients';

type Server = Awaited<ReturnType<typeof startServer>>;
type Phone = { id: string; cookie: string; nickname: string; socket: ClientSocket };

describe('hackathon through real sockets: teams, projects, jury, audience vote, ceremony, showcase', () => {
	let s: Server;
	let fac: ClientSocket;
	let workshopId: string;
	let projectorToken: string;
	let hackId: string;
	let challenges: string[] = [];
	const phones: Phone[] = [];
	const teams: Record<string, string> = {};
	let ownerUser: { id: string; name: string };
	let ownerToken: string;
	let ownerCookie: string;

	const phone = async (nickname: string): Promise<Phone> => {
		const p = makeParticipant(s.deps, workshopId, nickname);
		const socket = await connect(s.url, { workshopId, as: 'participant' }, p.cookie);
		const ph = { id: p.id, cookie: p.cookie, nickname, socket };
		phones.push(ph);
		return ph;
	};
	const phase = (p: string) => sendOk(fac, 'activity:phase', { activityId: hackId, phase: p });
	const err = async (socket: ClientSocket, name: string, payload: Record<string, unknown>) => {
		const r = await send(socket, name as never, { key: key(), ...payload } as never);
		return r.ok ? 'ok' : r.error;
	};
	const pages = () => hackathonPages(s.deps);
	const asJuror = (token: string, name: string, payload: Record<string, unknown>) => {
		const j = pages().jurorByToken(token);
		if (!j) return 'no juror';
		const r = s.deps.notifier.command(pages().jurorCaller(j, '127.0.0.1'), name, { key: key(), ...payload });
		return r.ok ? 'ok' : r.error;
	};

	beforeAll(async () => {
		s = await startServer(tempDataDir(), { textOptions: { flushMs: 30, snapshotMs: 100, writtenMs: 200 } });
		const owner = await makeFacilitator(s.deps, 'owner');
		ownerUser = owner.user;
		ownerCookie = owner.cookie;
		ownerToken = decodeURIComponent(owner.cookie.split('=')[1].split(';')[0]);
		const w = makeWorkshop(s.deps, owner.user.id, 'Hack day');
		workshopId = w.id;
		projectorToken = w.projectorToken;
		fac = await connect(s.url, { workshopId, as: 'facilitator' }, owner.cookie);
		hackId = (await sendOk(fac, 'activity:add', { type: 'hackathon', title: 'Youth hackathon' })).activityId;
		await sendOk(fac, 'activity:activate', { activityId: hackId });
	});
	afterAll(async () => {
		closeTextClients();
		for (const p of phones) p.socket.close();
		fac?.close();
		await s.close();
	});

	it('sets up challenges and team rules, refusing contradictions with a reason', async () => {
		for (const [title, partner] of [
			['Clean water', 'City works'],
			['Safe way to school', 'Police']
		])
			challenges.push((await sendOk(fac, 'hackathon:challenges', { activityId: hackId, op: { type: 'add', title, partner, description: `About ${title}` } })).challengeId);
		expect(await err(fac, 'hackathon:challenges', { activityId: hackId, op: { type: 'add', title: '   ', partner: '', description: '' } })).toBe('title_empty');
		expect(await err(fac, 'hackathon:settings', { activityId: hackId, settings: { minTeamSize: 4, maxTeamSize: 3 } })).toBe('size_rules');
		await sendOk(fac, 'hackathon:settings', { activityId: hackId, settings: { minTeamSize: 2, maxTeamSize: 5 } });
		// A challenge's image comes from the upload form over HTTP through the same command path (a socket frame is too small).
		const user = { id: ownerUser.id, name: ownerUser.name };
		const caller = pages().facilitatorCaller(workshopId, user, ownerToken, '127.0.0.1');
		const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
		const image = (type: string, bytes: Buffer) => s.deps.notifier.command(caller, 'hackathon:challenges', { key: key(), activityId: hackId, op: { type: 'image', challengeId: challenges[0], image: { type, base64: bytes.toString('base64') } } });
		expect(image('image/png', Buffer.from('<svg onload=alert(1)>'))).toEqual({ ok: false, error: 'bad_image' });
		expect(image('image/gif', png)).toEqual({ ok: false, error: 'invalid_payload' });
		expect(image('image/png', Buffer.concat([png, Buffer.alloc(600 * 1024)]))).toEqual({ ok: false, error: 'invalid_payload' });
		expect(pages().challengeImage(workshopId, challenges[0])).toBeNull();
		expect(image('image/png', png).ok).toBe(true);
		expect(pages().challengeImage(workshopId, challenges[0])).toEqual({ bytes: png, type: 'image/png' });
		expect(pages().challengeImage('another-workshop', challenges[0])).toBeNull();
		const stranger = pages().facilitatorCaller(workshopId, { id: 'someone', name: 'x' }, 'no-session', '127.0.0.1');
		expect(s.deps.notifier.command(stranger, 'hackathon:challenges', { key: key(), activityId: hackId, op: { type: 'image', challengeId: challenges[0], image: null } })).toEqual({ ok: false, error: 'forbidden' });
		const hack = hackathonRepo(s.deps).hack(hackId)!;
		expect(hack.settings).toMatchObject({ minTeamSize: 2, maxTeamSize: 5, multiTeam: false });
		expect(hack.stages.map((x) => x.name)).toEqual(['Idea', 'Sketched', 'Prototype', 'Demo-ready']);
		expect(hack.criteria.length).toBe(4);
	});

	it('forms teams only in the team phases, with unique names and one team per person', async () => {
		const [ada, ben] = [await phone('Ada'), await phone('Ben')];
		expect(await err(ada.socket, 'team:create', { activityId: hackId, name: 'Water', challengeId: challenges[0] })).toBe('teams_closed');
		await phase('teams');
		teams.water = (await sendOk(ada.socket, 'team:create', { activityId: hackId, name: 'Water', challengeId: challenges[0] })).teamId;
		expect(await err(ben.socket, 'team:create', { activityId: hackId, name: '  water ', challengeId: null })).toBe('team_name_taken');
		expect(await err(ben.socket, 'team:create', { activityId: hackId, name: 'Bikes', challengeId: 'forged-challenge' })).toBe('unknown_challenge');
		expect(await err(ada.socket, 'team:create', { activityId: hackId, name: 'Second', challengeId: null })).toBe('already_in_team');
		expect(await err(ben.socket, 'team:join', { teamId: 'forged-team-id' })).toBe('not_found');
		teams.bikes = (await sendOk(ben.socket, 'team:create', { activityId: hackId, name: 'Bikes', challengeId: challenges[1] })).teamId;
		expect(await err(ben.socket, 'team:join', { teamId: teams.water })).toBe('already_in_team');
		expect(await err(ada.socket, 'team:leave', { teamId: teams.bikes })).toBe('not_in_team');
		// The last one out of a team with nothing in it takes the empty team with them.
		const cleo = await phone('Cleo');
		const tmp = (await sendOk(cleo.socket, 'team:create', { activityId: hackId, name: 'Oops', challengeId: null })).teamId;
		await sendOk(cleo.socket, 'team:leave', { teamId: tmp });
		expect(hackathonRepo(s.deps).team(tmp)).toBeNull();
	});

	it('20 phones tap "Join" on a team with one free place at once: exactly one gets in, the others are told it is full', async () => {
		// Water has Ada; three more make four of five.
		for (const p of [phones.find((x) => x.nickname === 'Cleo')!, await phone('Dan'), await phone('Eve')]) await sendOk(p.socket, 'team:join', { teamId: teams.water });
		const racers = await Promise.all(Array.from({ length: 20 }, (_, i) => phone(`Racer ${i + 1}`)));
		const results = await Promise.all(racers.map((r) => err(r.socket, 'team:join', { teamId: teams.water })));
		expect(results.filter((x) => x === 'ok')).toHaveLength(1);
		expect(results.filter((x) => x === 'team_full')).toHaveLength(19);
		expect(hackathonRepo(s.deps).teamSize(teams.water)).toBe(5);
		const pub = replica(s.url, workshopId, 'public', racers[0].cookie);
		await pub.synced;
		const view = await eventually(() => {
			const t = pub.doc.getMap<TeamView>(HACKATHON_MAPS.teams).get(teams.water);
			return t && t.members.length === 5 ? t : null;
		});
		expect(view.memberIds).toBeUndefined();
		pub.destroy();
	});

	it('matching places everyone who asked within the size rules', async () => {
		const askers = await Promise.all(['Fay', 'Gus', 'Hal', 'Ivy', 'Jo', 'Kim'].map((n) => phone(n)));
		for (const [i, a] of askers.entries())
			await sendOk(a.socket, 'hackathon:profile', { activityId: hackId, skills: [i % 2 ? 'code' : 'design'], interests: ['environment'], tags: ['  Robots '], challenges: [challenges[i % 2]], matchMe: true });
		expect(hackathonRepo(s.deps).profile(hackId, askers[0].id)?.tags).toEqual(['robots']);
		const r = await sendOk(fac, 'hackathon:match', { activityId: hackId, seed: 7 });
		expect(r.joined + r.unmatched).toBeLessThanOrEqual(6);
		const repo = hackathonRepo(s.deps);
		for (const a of askers) expect(repo.teamsOfPerson(hackId, a.id).length, a.nickname).toBe(1);
		for (const t of repo.teamsOf(hackId)) expect(repo.teamSize(t.id), t.name).toBeLessThanOrEqual(5);
		expect(await err(fac, 'hackathon:match', { activityId: hackId })).toBe('nothing_to_match');
	});

	it('moves a project through its stages; refuses bad links, small teams and late submissions', async () => {
		const ada = phones.find((p) => p.nickname === 'Ada')!;
		const ben = phones.find((p) => p.nickname === 'Ben')!;
		await phase('hack');
		expect(await err(ada.socket, 'team:update', { teamId: teams.water, codeUrl: 'javascript:alert(1)' })).toBe('bad_link');
		expect(await err(ada.socket, 'team:update', { teamId: teams.water, videoUrl: 'not a link' })).toBe('bad_link');
		await sendOk(ada.socket, 'team:update', { teamId: teams.water, title: 'Fountain finder', codeUrl: 'https://example.org/code', videoUrl: 'https://www.youtube.com/watch?v=abc123' });
		expect(await err(ben.socket, 'team:update', { teamId: teams.water, title: 'Hijack' })).toBe('not_in_team');
		const hack = hackathonRepo(s.deps).hack(hackId)!;
		await sendOk(ada.socket, 'team:stage', { teamId: teams.water, stageId: hack.stages[3].id });
		expect(await err(ada.socket, 'team:stage', { teamId: teams.water, stageId: 'nope' })).toBe('unknown_stage');
		await sendOk(ada.socket, 'team:check', { teamId: teams.water, stageId: hack.stages[3].id, index: 1, done: true });
		expect(await err(ada.socket, 'team:check', { teamId: teams.water, stageId: hack.stages[3].id, index: 5, done: true })).toBe('unknown_stage');
		// A team of one, the minimum is two.
		const lou = await phone('Lou');
		const solo = (await sendOk(lou.socket, 'team:create', { activityId: hackId, name: 'Solo', challengeId: null })).teamId;
		expect(await err(lou.socket, 'team:submit', { teamId: solo, submitted: true })).toBe('team_too_small');
		expect(await err(ben.socket, 'team:submit', { teamId: teams.water, submitted: true })).toBe('not_in_team');
		await sendOk(ada.socket, 'team:submit', { teamId: teams.water, submitted: true });
		await sendOk(fac, 'hackathon:settings', { activityId: hackId, settings: { deadline: Date.now() - 1000 } });
		expect(await err(ada.socket, 'team:submit', { teamId: teams.water, submitted: false })).toBe('past_deadline');
		const kinds = s.deps.db.$client.prepare("select kind from participation_events where activity_id = ? and kind like 'hackathon.%'").all(hackId) as { kind: string }[];
		for (const k of ['hackathon.team.created', 'hackathon.team.joined', 'hackathon.stage.reached', 'hackathon.project.submitted', 'hackathon.teams.matched']) expect(kinds.map((x) => x.kind), k).toContain(k);
	});

	it("the project page: the team writes, everyone else reads, and the text is the project's", async () => {
		const ada = phones.find((p) => p.nickname === 'Ada')!;
		const ben = phones.find((p) => p.nickname === 'Ben')!;
		const entity = `${hackId}.${teams.water}`;
		const writer = textClient(s, workshopId, entity, ada.cookie);
		await online(writer);
		expect(writer.access).toBe('write');
		writer.ytext.insert(0, 'Finds the nearest drinking fountain.');
		const reader = textClient(s, workshopId, entity, ben.cookie);
		await online(reader);
		expect(reader.access).toBe('read');
		await eventually(() => reader.ytext.toString() === 'Finds the nearest drinking fountain.');
		const proj = textClient(s, workshopId, entity, undefined, { projectorToken });
		await online(proj);
		expect(proj.access).toBe('read');
	});

	it('the jury scores by link, privately until judging closes, within its group and the 1-5 range', async () => {
		const repo = hackathonRepo(s.deps);
		await sendOk(fac, 'hackathon:jurors', { activityId: hackId, op: { type: 'add', name: 'Jo Juror', teamIds: null } });
		await sendOk(fac, 'hackathon:jurors', { activityId: hackId, op: { type: 'add', name: 'Kai Juror', teamIds: [teams.water] } });
		const [jo, kai] = repo.jurorsOf(hackId);
		const criteria = repo.hack(hackId)!.criteria;
		const all = (v: number) => Object.fromEntries(criteria.map((c) => [c.id, v]));
		expect(asJuror(kai.token, 'jury:score', { teamId: teams.bikes, scores: all(3), comment: '' })).toBe('not_your_group');
		expect(asJuror(kai.token, 'jury:score', { teamId: teams.water, scores: all(6), comment: '' })).toBe('score_range');
		expect(asJuror(kai.token, 'jury:score', { teamId: teams.water, scores: { [criteria[0].id]: 4 }, comment: '' })).toBe('score_range');
		expect(asJuror(kai.token, 'jury:score', { teamId: 'forged', scores: all(3), comment: '' })).toBe('not_found');
		expect(asJuror(kai.token, 'jury:score', { teamId: teams.water, scores: all(5), comment: 'Great' })).toBe('ok');
		expect(asJuror(jo.token, 'jury:score', { teamId: teams.water, scores: all(4), comment: '' })).toBe('ok');
		expect(asJuror(jo.token, 'jury:score', { teamId: teams.bikes, scores: all(2), comment: 'Needs work' })).toBe('ok');
		// A phone cannot send a jury command, and a juror's page shows only their own scores.
		const ada = phones.find((p) => p.nickname === 'Ada')!;
		expect(await err(ada.socket, 'jury:score', { teamId: teams.water, scores: all(5), comment: '' })).toBe('forbidden');
		const kaiPage = pages().juryPage(kai.token)!;
		expect(kaiPage.teams.map((t) => t.id)).toEqual([teams.water]);
		expect(kaiPage.teams[0].scores).toEqual(all(5));
		expect(kaiPage.teams[0].text).toContain('drinking fountain');
		expect(kaiPage.results).toBeNull();
		expect(JSON.stringify(kaiPage)).not.toContain('Needs work');
		expect(repo.hack(hackId)!.judgingClosedAt).toBeNull();
		expect(asJuror(kai.token, 'jury:done', { activityId: hackId, done: true })).toBe('ok');
		expect(repo.hack(hackId)!.judgingClosedAt).toBeNull();
		expect(asJuror(jo.token, 'jury:done', { activityId: hackId, done: true })).toBe('ok');
		expect(repo.hack(hackId)!.judgingClosedAt).not.toBeNull();
		expect(asJuror(kai.token, 'jury:score', { teamId: teams.water, scores: all(1), comment: '' })).toBe('judging_closed');
		const closed = pages().juryPage(kai.token)!;
		expect(closed.closed).toBe(true);
		expect(closed.results?.[0]).toMatchObject({ teamId: teams.water, place: 1 });
		// A renewed link ends the old one at once.
		await sendOk(fac, 'hackathon:jurors', { activityId: hackId, op: { type: 'renew', jurorId: kai.id } });
		expect(pages().juryPage(kai.token)).toBeNull();
		expect(asJuror(kai.token, 'jury:done', { activityId: hackId, done: false })).toBe('no juror');
	});

	it('the audience vote: one device one vote, never for the own team, counts hidden from the room until revealed', async () => {
		const ada = phones.find((p) => p.nickname === 'Ada')!;
		const cleo = phones.find((p) => p.nickname === 'Cleo')!;
		const racer = phones.find((p) => p.nickname === 'Racer 7')!;
		await phase('pitch');
		expect(await err(racer.socket, 'hackathon:vote', { teamId: teams.water })).toBe('voting_closed');
		await sendOk(fac, 'hackathon:voting', { activityId: hackId, open: true });
		const phoneTallies: Record<string, number>[] = [];
		const staffTallies: Record<string, number>[] = [];
		racer.socket.on('tally', (t) => t.activityId === hackId && phoneTallies.push(t.counts));
		fac.on('tally', (t) => t.activityId === hackId && staffTallies.push(t.counts));
		expect(await err(ada.socket, 'hackathon:vote', { teamId: teams.water })).toBe('own_team_vote');
		expect(await err(ada.socket, 'hackathon:vote', { teamId: teams.bikes })).toBe('ok');
		expect(await err(ada.socket, 'hackathon:vote', { teamId: teams.bikes })).toBe('already_voted');
		expect(await err(cleo.socket, 'hackathon:vote', { teamId: 'forged' })).toBe('not_found');
		expect(await err(racer.socket, 'hackathon:vote', { teamId: teams.water })).toBe('ok');
		const racers = phones.filter((p) => p.nickname.startsWith('Racer') && p.nickname !== 'Racer 7');
		const votes = await Promise.all(racers.map((r) => err(r.socket, 'hackathon:vote', { teamId: teams.water })));
		// One racer got into Water in the race: their own team.
		expect(votes.filter((v) => v === 'own_team_vote')).toHaveLength(1);
		await eventually(() => staffTallies.at(-1)?.$voters === 2 + votes.filter((v) => v === 'ok').length);
		expect(staffTallies.at(-1)?.[teams.water]).toBe(1 + votes.filter((v) => v === 'ok').length);
		// Phones learn no standings before the reveal (the projector gets how many voted).
		expect(phoneTallies.every((t) => Object.keys(t).every((k) => k === '$voters'))).toBe(true);
		await sendOk(fac, 'hackathon:voting', { activityId: hackId, open: false, revealed: true });
		await eventually(() => phoneTallies.at(-1)?.[teams.water]);
	});

	it('the ceremony reveals the jury places from the last upward, then the audience award; the room sees only what was revealed', async () => {
		const pub = replica(s.url, workshopId, 'public', phones[0].cookie);
		await pub.synced;
		const hackView = () => pub.doc.getMap<HackView>(HACKATHON_MAPS.hacks).get(hackId);
		expect(await err(fac, 'hackathon:ceremony', { activityId: hackId, action: 'next' })).toBe('ceremony_not_ready');
		await phase('ceremony');
		const start = await sendOk(fac, 'hackathon:ceremony', { activityId: hackId, action: 'start' });
		expect(start.steps).toBe(3);
		await eventually(() => hackView()?.ceremony?.step === 0);
		expect(hackView()!.ceremony!.revealed).toEqual([]);
		await sendOk(fac, 'hackathon:ceremony', { activityId: hackId, action: 'next' });
		await eventually(() => hackView()?.ceremony?.step === 1);
		expect(hackView()!.ceremony!.revealed.map((p) => p.teamIds)).toEqual([[teams.bikes]]);
		expect(hackView()!.ceremony!.audience).toBeNull();
		await sendOk(fac, 'hackathon:ceremony', { activityId: hackId, action: 'next' });
		await sendOk(fac, 'hackathon:ceremony', { activityId: hackId, action: 'next' });
		await eventually(() => hackView()?.ceremony?.step === 3);
		expect(hackView()!.ceremony!.revealed.map((p) => p.place)).toEqual([2, 1]);
		expect(hackView()!.ceremony!.audience?.teamIds).toEqual([teams.water]);
		const awards = hackathonRepo(s.deps).awardsOf(hackId);
		expect(awards).toEqual(expect.arrayContaining([expect.objectContaining({ teamId: teams.water, kind: 'jury', place: 1 }), expect.objectContaining({ teamId: teams.water, kind: 'audience' })]));
		const n = (kind: string) => (s.deps.db.$client.prepare('select count(*) as n from participation_events where kind = ?').get(kind) as { n: number }).n;
		expect(n('hackathon.jury.awarded')).toBe(5 + hackathonRepo(s.deps).membersOf(teams.bikes).length);
		expect(n('hackathon.audience.awarded')).toBe(5);
		pub.destroy();
		// The exports carry teams, members, scores per criterion and juror, and the awards.
		const json = JSON.parse(s.deps.services.exportActivity(workshopId, hackId, 'json', {})!.body);
		expect(JSON.stringify(json)).toContain('Fountain finder');
		expect(JSON.stringify(json)).toContain('Jo Juror');
		for (const format of ['md', 'csv']) expect(s.deps.services.exportActivity(workshopId, hackId, format, {})!.body).toContain('Water');
	});

	it('the showcase shows only approved projects whose whole team agreed, names only who agreed, and edits wait for approval', async () => {
		const water = phones.filter((p) => hackathonRepo(s.deps).teamsOfPerson(hackId, p.id).includes(teams.water));
		expect(water).toHaveLength(5);
		const token = async () => {
			await sendOk(fac, 'hackathon:showcase', { activityId: hackId, op: { type: 'publish' } });
			return hackathonRepo(s.deps).hack(hackId)!.showcaseToken!;
		};
		const t = await token();
		await sendOk(fac, 'hackathon:showcase', { activityId: hackId, op: { type: 'approve', teamId: teams.water } });
		await sendOk(fac, 'hackathon:showcase', { activityId: hackId, op: { type: 'approve', teamId: teams.bikes } });
		expect(pages().showcasePage(t)!.entries).toEqual([]);
		for (const [i, p] of water.entries()) await sendOk(p.socket, 'team:consent', { teamId: teams.water, showcase: true, showName: i === 0 });
		const page = pages().showcasePage(t)!;
		expect(page.entries.map((e) => e.teamId)).toEqual([teams.water]);
		expect(page.entries[0]).toMatchObject({ title: 'Fountain finder', members: [water[0].nickname], videoUrl: 'https://www.youtube.com/watch?v=abc123' });
		expect(page.entries[0].description).toContain('drinking fountain');
		expect(page.entries[0].awards).toEqual(expect.arrayContaining([{ kind: 'jury', place: 1 }, { kind: 'audience' }]));
		// An edit waits for the facilitator: the showcase keeps the approved version.
		await sendOk(water[0].socket, 'team:update', { teamId: teams.water, title: 'Something else' });
		expect(pages().showcasePage(t)!.entries[0].title).toBe('Fountain finder');
		expect(hackathonRepo(s.deps).team(teams.water)!.changedAt).not.toBeNull();
		await sendOk(fac, 'hackathon:showcase', { activityId: hackId, op: { type: 'approve', teamId: teams.water } });
		expect(pages().showcasePage(t)!.entries[0].title).toBe('Something else');
		// Writing in the project page after the approval: the staff see the project as changed, the showcase keeps the approved text.
		const staff = replica(s.url, workshopId, 'staff', ownerCookie);
		await staff.synced;
		const writer = textClient(s, workshopId, `${hackId}.${teams.water}`, water[0].cookie);
		await online(writer);
		writer.ytext.insert(writer.ytext.length, ' Now with a map.');
		await eventually(() => staff.doc.getMap<TeamView>(HACKATHON_MAPS.teams).get(teams.water)?.showcase?.pending === true, 5000, 'the staff see the change');
		expect(pages().showcasePage(t)!.entries[0].description).not.toContain('Now with a map.');
		staff.destroy();
		// Closing the workshop: a member withdraws consent afterwards, from a page, and the project goes at once.
		await sendOk(fac, 'workshop:close', {});
		expect(await err(water[1].socket, 'team:update', { teamId: teams.water, title: 'Late' })).toBe('workshop_closed');
		const caller = pages().participantCaller(workshopId, { id: water[1].id, nickname: water[1].nickname }, '127.0.0.1');
		const r = s.deps.notifier.command(caller, 'team:consent', { key: key(), teamId: teams.water, showcase: false, showName: false });
		expect(r.ok).toBe(true);
		expect(pages().showcasePage(t)!.entries).toEqual([]);
		await sendOk(fac, 'hackathon:showcase', { activityId: hackId, op: { type: 'unpublish' } });
		expect(pages().showcasePage(t)).toBeNull();
	});
});
