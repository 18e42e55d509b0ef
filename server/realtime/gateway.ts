import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { createHash } from 'node:crypto';
import { createHistogram } from 'node:perf_hooks';
import { Server, type Socket } from 'socket.io';
import { CORE_COMMANDS, signalSchemas } from '../../src/lib/protocol/schemas';
import type { CommandSpec } from '../../src/lib/activities/spec';
import type { ClientToServerEvents, HelloData, PeopleList, Response, ServerToClientEvents, SignalResults } from '../../src/lib/protocol/events';
import { m } from '../../src/lib/paraglide/messages.js';
import type { Deps } from '../deps';
import { RateLimiter } from '../rate-limit';
import { localeOf } from '../services';
import type { ConnectionLimits } from './conn-limits';
import { handlerFor } from './commands';
import { commandContext } from './context';
import type { ServerModule } from './modules';
import type { Result } from '../../src/lib/domain/result';
import type { EventActor, ParticipationEvent } from '../../src/lib/domain/participation';
import { accessRoleOf, mayCommand, maySignal } from '../../src/lib/protocol/permissions';
import { Dirty } from './dirty';
import { DraftCounter } from './drafts';
import { matchesFacilitator, originAllowed, resolveIdentity, type FacilitatorMatch, type Identity } from './identity';
import type { Projection } from './projection';
import { rooms, sliceOf } from './rooms';

/** A hackathon's juror, by their jury link: only through `Gateway.command` from the jury page, never a socket. */
export type JurorIdentity = { role: 'juror'; workshopId: string; jurorId: string };

/** Who sent a command: their identity, their address (per-IP limit) and their connection (per-connection limit). */
export interface Caller {
	identity: Identity | JurorIdentity;
	ip: string;
	connection: string;
}

type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { identity: Identity; ip: string }>;
export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { identity: Identity; ip: string }>;

const PRESENCE_THROTTLE_MS = 500;
/** The commands a closed workshop still takes: revoking links and access. */
const STILL_WHEN_CLOSED = new Set(['projector:rotate', 'invite:rotate', 'cofacilitator:remove']);

/** The staff hear of changed draft counts at most twice a second per workshop. */
const DRAFTS_THROTTLE_MS = 500;
type ErrorCode = string;
const SLOW_SWEEP_MS = 2000;
const MAX_BUFFERED_BYTES = 1024 * 1024;
const MAX_QUEUED_PACKETS = 1000;

/**
 * The socket.io side: origin check and authentication before any room is joined, then one handler per command in
 * four steps (validate, persist in one transaction with its participation event, acknowledge, project).
 */
export class Gateway {
	readonly io: AppServer;
	/** Commands per connection: bursts of 30, then 15 a second. */
	private perSocket = new RateLimiter(30, 15);
	/** Commands per participant over all their connections (one cookie may open many): as for one connection. */
	private perParticipant = new RateLimiter(30, 15);
	/** Commands per IP (a whole school year behind one venue NAT may share one): bursts of 3000, then 1000 a second. */
	private perIp = new RateLimiter(3000, 1000);
	/** Connections per IP (the same NAT): bursts of 2000, then 200 a second. */
	private connectsPerIp = new RateLimiter(2000, 200);
	/**
	 * Nanoseconds from a decoded command to its acknowledgement (validation, transaction, ack); with the event-loop
	 * delay (the wait before a command is read) it splits a phone's ack time into the server's part and the queue.
	 */
	readonly commandTime = createHistogram();
	private presence = new Map<string, Map<string, number>>();
	private presenceTimers = new Map<string, NodeJS.Timeout>();
	/**
	 * Draft signals per connection: bursts of 5, then one every 2 s. A phone sends one per change (text appears or
	 * goes), throttled to one a second, so only a misbehaving client meets this.
	 */
	private draftsPerSocket = new RateLimiter(5, 0.5);
	private drafts = new DraftCounter();
	private draftTimers = new Map<string, NodeJS.Timeout>();

	constructor(
		httpServer: HttpServer,
		private deps: Deps,
		private projection: Projection,
		limits: ConnectionLimits
	) {
		for (const [name, spec] of Object.entries(CORE_COMMANDS)) this.commands.set(name, { spec, module: null });
		for (const [name, module] of deps.modules.commands()) this.commands.set(name, { spec: module.spec.commands[name], module });
		const gateway = this;
		this.eventListener = function (this: AppSocket, name, payload, ack) {
			gateway.onEvent(this, name, payload, ack);
		};
		this.participantLeft = function (this: AppSocket) {
			const id = this.data.identity as Extract<Identity, { role: 'participant' }>;
			gateway.trackPresence(id.workshopId, id.participantId, -1);
			if (gateway.drafts.set(id.workshopId, this.id, id.participantId, null)) gateway.announceDrafts(id.workshopId);
		};
		this.io = new Server(httpServer, {
			serveClient: false,
			maxHttpBufferSize: 64 * 1024,
			destroyUpgrade: false,
			pingInterval: 20_000,
			pingTimeout: 20_000,
			// Runs on every engine.io handshake (polling or websocket), before the socket.io handshake: a raw engine.io
			// client that never joins a namespace is limited and counted like any other.
			allowRequest: (req, cb) => {
				if (!originAllowed(req, deps.config.allowedOrigins)) return cb('origin', false);
				if (!limits.admit(req.socket.remoteAddress)) return cb('rate_limited', false);
				cb(null, true);
			}
		});
		// An engine.io connection counts as open from its handshake until it closes.
		this.io.engine.on('connection', (raw: RawConnection) => {
			raw.once('close', limits.hold(raw.remoteAddress));
			const req = raw.request;
			raw.request = slimRequest(req);
			// engine.io's upgrade response still holds the original request until the TCP connection closes: over a
			// websocket (the upgrade is done) its header lists are of no more use to anyone.
			if (raw.transport?.name === 'websocket') {
				req.headers = {};
				req.rawHeaders = [];
			}
		});
		this.io.use((socket, next) => {
			const ip = socket.handshake.address;
			if (!this.connectsPerIp.take(ip)) return next(new Error('rate_limited'));
			const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
			const identity = resolveIdentity(deps, socket.handshake.headers.cookie, { workshopId: auth.workshopId, as: auth.as, projectorToken: auth.projectorToken });
			if (!identity) return next(new Error('unauthorized'));
			socket.data.identity = identity;
			socket.data.ip = ip;
			next();
		});
		this.io.on('connection', (socket) => this.onConnection(socket));
		this.sweeper = setInterval(() => this.dropSlowConsumers(), SLOW_SWEEP_MS);
		this.sweeper.unref();
	}

	private sweeper: NodeJS.Timeout;

	/**
	 * A client that stopped reading makes its socket's send buffer grow; past a bound it is disconnected (it
	 * reconnects, says hello again and resyncs), so one stuck phone cannot grow the server's memory.
	 */
	private dropSlowConsumers() {
		for (const s of this.io.sockets.sockets.values()) {
			const transport = s.conn.transport as unknown as { socket?: { bufferedAmount?: number }; writable?: boolean };
			const buffered = transport.socket?.bufferedAmount ?? 0;
			const queued = (s.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
			if (buffered > MAX_BUFFERED_BYTES || queued > MAX_QUEUED_PACKETS) {
				this.deps.log.warn({ workshop: s.data.identity?.workshopId, buffered, queued }, 'dropping slow consumer');
				s.disconnect(true);
			}
		}
	}

	private onConnection(socket: AppSocket) {
		const id = socket.data.identity;
		const w = id.workshopId;
		socket.join(rooms.all(w));
		if (id.role === 'facilitator') socket.join(rooms.staff(w));
		if (id.role === 'projector') socket.join(rooms.projector(w));
		if (id.role === 'participant') {
			socket.join(rooms.participants(w, sliceOf(socket.id)));
			socket.join(rooms.participant(id.participantId));
			this.trackPresence(w, id.participantId, +1);
			socket.on('disconnect', this.participantLeft);
		}
		// One listener for every command and signal, shared by all sockets (socket.io calls it with the socket as
		// `this`): a listener per command per socket was about 8 KiB of closures and event tables per phone.
		socket.onAny(this.eventListener);
	}

	/** Shared listeners (see onConnection): `this` is the socket that heard the event. */
	private eventListener: (this: AppSocket, name: unknown, payload?: unknown, ack?: unknown) => void;
	private participantLeft: (this: AppSocket) => void;

	/** A command or signal a socket sent: answered through its ack, or ignored without one (or when unknown). */
	private onEvent(socket: AppSocket, name: unknown, payload: unknown, ack: unknown) {
		if (typeof ack !== 'function' || typeof name !== 'string') return;
		if (name === 'draft:status') return void (ack as (r: Response<SignalResults['draft:status']>) => void)(this.draftStatus(socket, payload));
		const command = this.commands.get(name);
		if (!command) return;
		const reply = ack as (r: Response<unknown>) => void;
		const t0 = performance.now();
		const failed = (e: unknown) => {
			this.deps.log.error({ err: e, command: name, workshop: socket.data.identity.workshopId }, 'command failed');
			reply({ ok: false, error: 'internal' });
		};
		const prepare = command.module?.prepare?.[name];
		if (prepare) {
			// Heavy work first, off the event loop; the command itself then runs as every other one.
			this.prepareThenDispatch(socket, name, payload, prepare).then(reply, failed);
			return;
		}
		try {
			reply(this.dispatch(socket, name, payload));
		} catch (e) {
			failed(e);
		}
		this.commandTime.record(Math.max(1, Math.round((performance.now() - t0) * 1e6)));
	}

	/** Every command a client may send: the core's and each module's, with its spec and (for a module's) its module. */
	private commands = new Map<string, { spec: CommandSpec; module: ServerModule | null }>();

	/**
	 * A command whose module prepares it: when it is valid and allowed (checked here without taking a rate token, then
	 * again by `dispatch`), the module's step runs (its failure only means the handler computes for itself), then the
	 * command is dispatched with what it prepared. The rate limit is taken first, so a flood prepares nothing.
	 */
	private async prepareThenDispatch(socket: AppSocket, name: string, raw: unknown, prepare: (deps: Deps, workshopId: string, payload: never) => Promise<unknown>): Promise<Response<unknown>> {
		const command = this.commands.get(name)!;
		const id = socket.data.identity;
		const now = Date.now();
		if (!this.perSocket.take(socket.id, now) || !this.perIp.take(socket.data.ip, now)) return fail('rate_limited');
		const parsed = command.spec.schema.safeParse(raw);
		const membership = id.role === 'facilitator' ? this.deps.repos.workshops.memberRole(id.workshopId, id.userId) : null;
		let prepared: unknown;
		if (parsed.success && id.role !== 'projector' && mayCommand(accessRoleOf(id.role, membership), command.spec)) {
			prepared = await prepare(this.deps, id.workshopId, parsed.data as never).catch((err: unknown) => {
				this.deps.log.warn({ err, command: name, workshop: id.workshopId }, 'preparing a command failed; its handler computes it');
				return undefined;
			});
		}
		return this.dispatch(socket, name, raw, prepared, true);
	}

	/** Validates, authorises, applies (once per idempotency key) and projects one command a socket sent. */
	dispatch(socket: AppSocket, name: string, raw: unknown, prepared?: unknown, rateTaken = false): Response<unknown> {
		return this.run({ identity: socket.data.identity, ip: socket.data.ip, connection: socket.id }, name, raw, prepared, rateTaken);
	}

	/**
	 * A command sent from a page's form or a fetch rather than a socket (a juror's scores, a consent withdrawn after the
	 * workshop closed): the same path, limits and transaction. `caller.connection` names the request's connection
	 * for the per-connection limit (the juror's link, the device cookie).
	 */
	command(caller: Caller, name: string, raw: unknown): Response<unknown> {
		try {
			return this.run(caller, name, raw);
		} catch (e) {
			this.deps.log.error({ err: e, command: name, workshop: caller.identity.workshopId }, 'command failed');
			return fail('internal');
		}
	}

	private run(caller: Caller, name: string, raw: unknown, prepared?: unknown, rateTaken = false): Response<unknown> {
		const command = this.commands.get(name);
		if (!command) return fail('invalid_payload');
		const id = caller.identity;
		const now = Date.now();
		if (!rateTaken && (!this.perSocket.take(caller.connection, now) || !this.perIp.take(caller.ip, now))) return fail('rate_limited');
		if (id.role === 'participant' && !this.perParticipant.take(id.participantId, now)) return fail('rate_limited');
		const parsed = command.spec.schema.safeParse(raw);
		if (!parsed.success) return fail('invalid_payload');
		// Membership is read on every command (not only at the handshake), so a removed facilitator stops here; dispatch
		// is synchronous, so nothing can change it between this check and the transaction below.
		const membership = id.role === 'facilitator' ? this.deps.repos.workshops.memberRole(id.workshopId, id.userId) : null;
		if (id.role === 'facilitator' && !membership) return fail('forbidden');
		// So is the session: a connection opened before signing out (or before the session expired) stops here.
		if (id.role === 'facilitator' && !this.deps.repos.accounts.sessionAlive(id.sessionHash, now)) return fail('unauthorized');
		if (!mayCommand(accessRoleOf(id.role, membership), command.spec)) return fail('forbidden');
		if (name === 'session:hello') return { ok: true, data: this.hello(id as Identity) };
		if (name === 'me:data' || name === 'me:forget') return this.privacy(caller.connection, id as Extract<Identity, { role: 'participant' }>, name);
		if (name === 'workshop:delete') return this.deleteWorkshop(id as Extract<Identity, { role: 'facilitator' }>, (parsed.data as unknown as { confirmCode: string }).confirmCode);
		if (name === 'people:list') return { ok: true, data: this.people(id.workshopId, (parsed.data as { locale: string }).locale) };
		if (name === 'participant:remove') return this.removeParticipant(id as Extract<Identity, { role: 'facilitator' }>, parsed.data as { participantId: string; content: 'keep' | 'erase' }, now);
		if (id.role === 'projector') return fail('forbidden');
		const actor: EventActor =
			id.role === 'facilitator' ? { role: 'facilitator', id: id.userId } : id.role === 'juror' ? { role: 'juror', id: id.jurorId } : { role: 'participant', id: id.participantId };
		const payload = parsed.data as { key: string } & Record<string, unknown>;
		const { repos, db } = this.deps;
		const dirty = new Dirty();
		const requestHash = hashRequest(name, payload);
		type Outcome = { ok: false; reason: string } | { ok: true; value: unknown; replay: boolean };
		const apply = (): Outcome => db.transaction((): Outcome => {
			const previous = repos.receipts.find(actor.id, payload.key);
			if (previous !== undefined) {
				// A key names one command: reused for another command or payload, it is refused rather than answered
				// with the first command's result as if this one had been applied. (Rows from before the hash: no check.)
				if (previous.requestHash !== null && previous.requestHash !== requestHash) return { ok: false as const, reason: 'key_reused' as ErrorCode };
				const again = this.replay(id.workshopId, previous.result);
				return again.ok ? { ok: true as const, value: again.value, replay: true } : again;
			}
			const workshop = repos.workshops.get(id.workshopId);
			if (!workshop) return { ok: false as const, reason: 'not_found' as ErrorCode };
			// A closed workshop takes no more writes, but a leaked projector or invite link must stay revocable, and so
			// must a co-facilitator's access.
			if (workshop.status === 'closed' && !STILL_WHEN_CLOSED.has(name) && !command.spec.whenClosed) return { ok: false as const, reason: 'workshop_closed' as ErrorCode };
			const events: ParticipationEvent[] = [];
			const ctx = commandContext(this.deps, workshop, actor, now, dirty, events, prepared);
			const handler = handlerFor(this.deps.modules, name);
			if (!handler) return { ok: false as const, reason: 'invalid_payload' as ErrorCode };
			const r = handler(ctx, payload);
			// A refusal rolls back whatever the handler wrote before it refused.
			if (!r.ok) throw new Refused(r.reason);
			// The receipt (idempotency) and the participation events commit with the state change, or none of them does.
			const stored = command.module?.receipts ? command.module.receipts.stored(name, r.value) : r.value;
			repos.receipts.insert({ actorId: actor.id, idemKey: payload.key, workshopId: workshop.id, requestHash, result: stored, createdAt: now });
			repos.participation.append(workshop.id, actor, now, events);
			return { ok: true as const, value: r.value as unknown, replay: false };
		});
		let result: Outcome;
		try {
			result = apply();
		} catch (e) {
			if (e instanceof Refused) return fail(e.reason);
			throw e;
		}
		if (!result.ok) return fail(result.reason);
		// These acknowledgements carry the change to the sender's own state (the phone applies them to its `me`).
		if (actor.role === 'participant' && command.spec.ackCarriesMe) dirty.ackCarriesMe(actor.id, caller.connection);
		if (!result.replay) {
			this.projection.markDirty(id.workshopId, dirty);
			this.onCommitted?.(id.workshopId, dirty);
			this.afterCommit(name, id.workshopId, result.value);
		}
		return { ok: true, data: result.value };
	}

	/**
	 * A phone says whether it has unsent text in its composer: validated, rate-limited, only for a board of its own
	 * workshop; nothing is stored. The staff get the new counts (throttled), the phones nothing.
	 */
	draftStatus(socket: AppSocket, raw: unknown): Response<SignalResults['draft:status']> {
		const id = socket.data.identity;
		if (!this.draftsPerSocket.take(socket.id) || !this.perIp.take(socket.data.ip)) return fail('rate_limited');
		const parsed = signalSchemas['draft:status'].safeParse(raw);
		if (!parsed.success) return fail('invalid_payload');
		if (id.role !== 'participant' || !maySignal(accessRoleOf(id.role), 'draft:status')) return fail('forbidden');
		const { activityId, drafting } = parsed.data;
		if (this.deps.repos.activities.get(activityId)?.workshopId !== id.workshopId) return fail('not_found');
		if (this.drafts.set(id.workshopId, socket.id, id.participantId, drafting ? activityId : null)) this.announceDrafts(id.workshopId);
		return { ok: true, data: { activityId, drafting } };
	}

	/** Tells the workshop's facilitators the draft counts, at most twice a second. */
	private announceDrafts(workshopId: string) {
		throttle(this.draftTimers, workshopId, DRAFTS_THROTTLE_MS, () => this.io.to(rooms.staff(workshopId)).emit('draft:counts', { counts: this.drafts.counts(workshopId) }));
	}

	/**
	 * The answer to a replayed command from its stored result: the module that wrote it reads what it names again
	 * (a card as it is now, or `not_found` once it is gone); any other result is answered as stored.
	 */
	private replay(workshopId: string, stored: unknown): Result<unknown, string> {
		// Rows carried from before the receipts (migration 0005) may say a subject was erased.
		if (stored && typeof stored === 'object' && (stored as { erased?: unknown }).erased === true) return { ok: false, reason: 'not_found' };
		for (const mod of this.deps.modules.all()) {
			const r = mod.receipts?.replay(this.deps, workshopId, stored);
			if (r) return r;
		}
		return { ok: true, value: stored };
	}

	private afterCommit(name: string, workshopId: string, value: unknown) {
		if (name === 'projector:rotate') {
			const token = (value as { projectorToken: string }).projectorToken;
			for (const s of this.io.sockets.sockets.values()) {
				const i = s.data.identity;
				if (i?.role === 'projector' && i.workshopId === workshopId && i.projectorToken !== token) {
					s.emit('session:ended', { reason: 'revoked' });
					s.disconnect(true);
				}
			}
			this.onProjectorRevoked?.(workshopId);
		}
		if (name === 'workshop:close') this.io.to(rooms.all(workshopId)).emit('session:ended', { reason: 'workshop_closed' });
		// A removed co-facilitator's live connections (socket.io and Yjs, every session) end now; their next command
		// would be refused anyway, since membership is read on every command.
		if (name === 'cofacilitator:remove') this.deps.notifier.endFacilitator({ userId: (value as { userId: string }).userId, workshopId }, 'removed');
		// A renamed person's cards and proposals are projected again with the new name, not the cached one.
		if (name === 'participant:rename') this.projection.forgetName(workshopId, (value as { participantId: string }).participantId);
	}

	/** Ends the socket.io connections of a facilitator (see Realtime.endFacilitator); they are told `revoked`. */
	endFacilitator(match: FacilitatorMatch, reason: 'revoked' | 'removed' = 'revoked') {
		for (const s of this.io.sockets.sockets.values()) {
			const i = s.data.identity;
			if (i?.role === 'facilitator' && matchesFacilitator(i, match)) {
				s.emit('session:ended', { reason });
				s.disconnect(true);
			}
		}
	}

	/** Called when a projector link was replaced, so the Yjs side can drop the old link's connections. */
	onProjectorRevoked: ((workshopId: string) => void) | null = null;

	/** A participant's own data: shown on request, or erased with everything they wrote. */
	private privacy(_connection: string, id: Extract<Identity, { role: 'participant' }>, name: 'me:data' | 'me:forget'): Response<unknown> {
		const { repos, db } = this.deps;
		if (name === 'me:data') {
			const data = this.deps.services.myData(id.workshopId, id.participantId);
			return data ? { ok: true, data } : fail('not_found');
		}
		// Every module erases its part, their receipts go and the log forgets them (see docs/SECURITY.md, "Erasure");
		// other people's receipts name things by id only, so a replay of one answers `not_found` once the thing is gone.
		// What they typed into co-edited texts is deleted too, in the same transaction.
		const dirty = new Dirty();
		let told = { removedItems: 0, sessionsRemoved: 0 };
		db.transaction(() => {
			told = this.eraseParticipant(id.workshopId, id.participantId, dirty, 'self');
		});
		const { removedItems, sessionsRemoved } = told;
		this.projection.markDirty(id.workshopId, dirty);
		this.onCommitted?.(id.workshopId, dirty);
		this.deps.log.info({ workshop: id.workshopId }, 'participant erased on request');
		// The facilitators are told, so a placeholder in the room's work does not come as a surprise.
		this.io.to(rooms.staff(id.workshopId)).emit('participant:erased', { removedItems, sessionsRemoved });
		// The write-ahead log still holds the erased rows' old pages until it is checkpointed and truncated.
		this.deps.checkpointer.truncate();
		setImmediate(() => {
			this.io.to(rooms.participant(id.participantId)).emit('session:ended', { reason: 'forgotten' });
			this.io.in(rooms.participant(id.participantId)).disconnectSockets(true);
			this.onParticipantForgotten?.(id.participantId);
		});
		return { ok: true, data: { participantId: id.participantId } };
	}

	/**
	 * Erases a participant with everything they wrote, inside the caller's transaction: "erase my data", and a removal
	 * by the staff whose content goes. Every module erases its part, their receipts go and the log forgets them.
	 */
	private eraseParticipant(workshopId: string, participantId: string, dirty: Dirty, by: 'self' | 'staff'): { removedItems: number; sessionsRemoved: number } {
		const { repos } = this.deps;
		let removedItems = 0;
		let sessionsRemoved = 0;
		this.eraseTexts?.(workshopId, { role: 'participant', id: participantId });
		for (const mod of this.deps.modules.all()) {
			const told = mod.privacy.erase(this.deps, workshopId, participantId, dirty, by);
			removedItems += told?.removedItems ?? 0;
			sessionsRemoved += told?.sessionsRemoved ?? 0;
		}
		repos.receipts.forgetActor(participantId);
		repos.participation.forgetParticipant(workshopId, participantId);
		repos.workshops.forgetParticipant(participantId);
		return { removedItems, sessionsRemoved };
	}

	/**
	 * The staff's People panel: everyone in the workshop (not removed), by nickname, online or not (a live socket.io
	 * connection now), with what each module counts for them (its `people` seam), labelled in the asker's language.
	 */
	private people(workshopId: string, locale: string): PeopleList {
		const online = this.presence.get(workshopId);
		const labels: PeopleList['labels'] = [];
		const counts = new Map<string, Record<string, number>>();
		for (const mod of this.deps.modules.all()) {
			const c = mod.people?.counts(this.deps, workshopId, locale);
			if (!c) continue;
			labels.push(...c.labels);
			for (const [pid, byKey] of c.byParticipant) counts.set(pid, { ...counts.get(pid), ...byKey });
		}
		const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
		const people = this.deps.repos.workshops
			.people(workshopId)
			.map((p) => ({ id: p.id, nickname: p.nickname, joinedAt: p.joinedAt, online: !!online?.has(p.id), counts: counts.get(p.id) ?? {} }))
			.sort((a, b) => collator.compare(a.nickname, b.nickname) || a.id.localeCompare(b.id));
		return { people, labels };
	}

	/**
	 * Removes a participant (staff): their live connections close at once and their device cookie no longer lets
	 * them in (`removed_at` on their row). `keep`: what they wrote stays, shown as by a removed person (their
	 * nickname becomes the workshop's word for that). `erase`: everything they wrote goes, through the erasure of
	 * "erase my data"; a row without a name then keeps only their device cookie's hash, so the ban holds.
	 */
	private removeParticipant(id: Extract<Identity, { role: 'facilitator' }>, p: { participantId: string; content: 'keep' | 'erase' }, now: number): Response<unknown> {
		const { repos, db } = this.deps;
		const w = repos.workshops.get(id.workshopId);
		if (!w) return fail('not_found');
		const row = repos.workshops.participantRow(p.participantId);
		if (!row || row.workshopId !== w.id) return fail('not_found');
		// Removed already (a resend after a reconnect, or a second facilitator at the same moment): done, nothing new.
		if (row.removedAt !== null) return { ok: true, data: { participantId: row.id, content: p.content } };
		const dirty = new Dirty();
		const actor = { role: 'facilitator' as const, id: id.userId };
		db.transaction(() => {
			if (p.content === 'erase') {
				this.eraseParticipant(w.id, row.id, dirty, 'staff');
				repos.workshops.banDevice(w.id, row.tokenHash, now);
				// The erased pseudonym is not named in the log.
				repos.participation.append(w.id, actor, now, [{ kind: 'workshop.participant.removed', activityId: null, subjectId: null, payload: { content: 'erase' } }]);
			} else {
				repos.workshops.markRemoved(row.id, removedName(w.locale), now);
				for (const a of repos.activities.of(w.id)) dirty.full.add(a.id);
				repos.participation.append(w.id, actor, now, [{ kind: 'workshop.participant.removed', activityId: null, subjectId: row.id, payload: { content: 'keep' } }]);
			}
		});
		this.projection.forgetName(w.id, row.id);
		this.projection.markDirty(w.id, dirty);
		this.onCommitted?.(w.id, dirty);
		if (p.content === 'erase') this.deps.checkpointer.truncate();
		this.deps.log.info({ workshop: w.id, content: p.content }, 'participant removed by the staff');
		this.endParticipant(row.id, 'removed');
		return { ok: true, data: { participantId: row.id, content: p.content } };
	}

	/** Ends every live connection of a participant (socket.io now, Yjs through the hook), telling them why. */
	private endParticipant(participantId: string, reason: 'removed' | 'forgotten') {
		this.io.to(rooms.participant(participantId)).emit('session:ended', { reason });
		this.io.in(rooms.participant(participantId)).disconnectSockets(true);
		this.onParticipantForgotten?.(participantId);
	}

	/** Deletes a workshop with everything in it; only its owner may, confirming with the join code. */
	private deleteWorkshop(id: Extract<Identity, { role: 'facilitator' }>, confirmCode: string): Response<unknown> {
		const { repos } = this.deps;
		const w = repos.workshops.get(id.workshopId);
		if (!w) return fail('not_found');
		if (confirmCode.toUpperCase().replace(/[^A-Z0-9]/g, '') !== w.code) return fail('confirm_mismatch');
		repos.workshops.deleteWorkshop(w.id);
		this.projection.forget(w.id);
		this.drafts.forget(w.id);
		this.deps.log.info({ workshop: w.id }, 'workshop deleted');
		setImmediate(() => {
			this.io.to(rooms.all(w.id)).emit('session:ended', { reason: 'workshop_deleted' });
			this.io.in(rooms.all(w.id)).disconnectSockets(true);
			this.onWorkshopDeleted?.(w.id);
		});
		return { ok: true, data: { workshopId: w.id } };
	}

	/**
	 * Hooks for the Yjs side, set by attachRealtime. `onCommitted` hears what every applied command changed;
	 * `eraseTexts` deletes what a person typed into co-edited texts (inside the erasure's transaction).
	 */
	onCommitted: ((workshopId: string, dirty: Dirty) => void) | null = null;
	eraseTexts: ((workshopId: string, actor: { role: 'participant'; id: string }) => void) | null = null;
	onParticipantForgotten: ((participantId: string) => void) | null = null;
	onWorkshopDeleted: ((workshopId: string) => void) | null = null;

	private hello(id: Identity): HelloData {
		const w = this.deps.repos.workshops.get(id.workshopId)!;
		return {
			role: id.role,
			workshopId: id.workshopId,
			serverNow: Date.now(),
			me: id.role === 'participant' ? this.projection.meState(w, id.participantId) : null,
			tallies: this.projection.talliesFor(id.workshopId, id.role === 'facilitator'),
			presence: { participants: this.presence.get(id.workshopId)?.size ?? 0 },
			drafts: id.role === 'facilitator' ? this.drafts.counts(id.workshopId) : {}
		};
	}

	/** Counts distinct participants online per workshop and tells the staff and projector, at most twice a second. */
	private trackPresence(workshopId: string, participantId: string, delta: 1 | -1) {
		let m = this.presence.get(workshopId);
		if (!m) this.presence.set(workshopId, (m = new Map()));
		const n = (m.get(participantId) ?? 0) + delta;
		if (n <= 0) m.delete(participantId);
		else m.set(participantId, n);
		if (m.size === 0) this.presence.delete(workshopId);
		// Only the facilitators and the projector show the count: in a join storm of 1,000 phones, telling every
		// phone twice a second was 2,000 frames a second that nobody looked at.
		throttle(this.presenceTimers, workshopId, PRESENCE_THROTTLE_MS, () =>
			this.io.to([rooms.staff(workshopId), rooms.projector(workshopId)]).emit('presence', { participants: this.presence.get(workshopId)?.size ?? 0 })
		);
	}

	/** Participants online in a workshop now. */
	participantsOnline(workshopId: string): number {
		return this.presence.get(workshopId)?.size ?? 0;
	}

	/** Tells every client the server is going away (they reconnect and resync), then closes. */
	close() {
		clearInterval(this.sweeper);
		for (const t of this.presenceTimers.values()) clearTimeout(t);
		for (const t of this.draftTimers.values()) clearTimeout(t);
		this.io.emit('session:ended', { reason: 'shutdown' });
		this.io.disconnectSockets(true);
		this.io.close();
	}
}

/** An engine.io connection as the gateway sees it. */
interface RawConnection {
	remoteAddress?: string;
	request: IncomingMessage;
	transport?: { name?: string };
	once(event: 'close', fn: () => void): void;
}

/**
 * All of the upgrade request that socket.io's handshake (built when the client joins the namespace) needs here: the
 * cookie; nothing reads the handshake's url, query or `secure`. engine.io keeps the request for the connection's
 * life, and with it the whole IncomingMessage (every header, the raw header list): about 0.8 KiB per phone in the
 * bench, more with a browser's headers.
 */
const SLIM_CONNECTION = { encrypted: false };
function slimRequest(req: IncomingMessage): IncomingMessage {
	// The gateway reads only the cookie (origin, address and limits were checked on the engine.io handshake).
	return { headers: req.headers.cookie === undefined ? {} : { cookie: req.headers.cookie }, connection: SLIM_CONNECTION } as unknown as IncomingMessage;
}

/** The fingerprint of a command: its name and its validated payload (zod gives the keys in the schema's order). */
function hashRequest(name: string, payload: unknown): string {
	return createHash('sha256').update(name).update('\0').update(JSON.stringify(payload)).digest('base64url').slice(0, 22);
}

/**
 * Runs `send` once `ms` after the first call for a workshop, however many calls come meanwhile (it reads the state
 * as it is then): one broadcast per workshop and period.
 */
function throttle(timers: Map<string, NodeJS.Timeout>, workshopId: string, ms: number, send: () => void) {
	if (timers.has(workshopId)) return;
	timers.set(
		workshopId,
		setTimeout(() => {
			timers.delete(workshopId);
			send();
		}, ms)
	);
}

/** A handler's refusal, thrown inside the command's transaction so that it rolls back. */
class Refused extends Error {
	constructor(readonly reason: string) {
		super(reason);
	}
}

/** How a removed person's kept cards and proposals are signed, in the workshop's language. */
function removedName(locale: string): string {
	return m.people_removed_author({}, { locale: localeOf(locale) });
}

function fail(error: ErrorCode): Response<never> {
	return { ok: false, error };
}
