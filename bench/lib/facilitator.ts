import * as Y from 'yjs';
import type { WorkshopView } from '../../src/lib/protocol/events';
import { BOARD_MAPS } from '../../src/lib/features/board/spec';
import type { BoardView } from '../../src/lib/features/board/views';
import { command, connectSocket, fullReplica, httpFacilitator, httpWorkshop, newKey, type PlenumSocket, type YConn } from './clients';
import { sleep } from './proc';

let facSeq = 0;

/**
 * The facilitator of a benchmark workshop, driven through the real sign-up form, dashboard form, socket.io
 * commands and the staff document. Several sockets (from several loopback addresses) share the per-socket limits.
 */
export class Facilitator {
	sockets: PlenumSocket[] = [];
	private rr = 0;
	staff: YConn | null = null;

	private constructor(
		readonly url: string,
		readonly cookie: string,
		readonly workshopId: string
	) {}

	/** Signs up a new facilitator and creates a first workshop. */
	static async create(url: string, title: string, sockets = 1): Promise<Facilitator> {
		return Facilitator.createWith(url, `Bench facilitator ${process.pid}-${++facSeq}`, undefined, title, sockets);
	}

	/** Signs up with a chosen name and password (the demo prints them). */
	static async createWith(url: string, name: string, password: string | undefined, title: string, sockets = 1): Promise<Facilitator> {
		const { cookie, workshopId } = await httpFacilitator(url, name, title, 'en', password);
		const f = new Facilitator(url, cookie, workshopId);
		await f.open(sockets);
		return f;
	}

	/** The same facilitator in a workshop that exists already (made through a form). */
	static async of(url: string, cookie: string, workshopId: string, sockets = 1): Promise<Facilitator> {
		const f = new Facilitator(url, cookie, workshopId);
		await f.open(sockets);
		return f;
	}

	/** The same facilitator in another of their workshops. */
	async another(title: string, sockets = 1): Promise<Facilitator> {
		const id = await httpWorkshop(this.url, this.cookie, title);
		const f = new Facilitator(this.url, this.cookie, id);
		await f.open(sockets);
		return f;
	}

	private async open(n: number) {
		for (let i = 0; i < n; i++) {
			const s = await connectSocket(this.url, { workshopId: this.workshopId, as: 'facilitator' }, { cookie: this.cookie, localAddress: `127.200.${facSeq % 250}.${1 + i}` });
			const hello = await command(s, 'session:hello', {});
			if (!hello.ok) throw new Error(`facilitator hello: ${hello.error}`);
			this.sockets.push(s);
		}
	}

	/** The staff document (kept open, so the room's documents stay loaded). */
	async staffDoc(): Promise<Y.Doc> {
		if (!this.staff) {
			this.staff = fullReplica(this.url, `/yjs/${this.workshopId}`, 'staff', { cookie: this.cookie, localAddress: '127.201.0.1' });
			await this.staff.synced;
		}
		return this.staff.doc!;
	}

	/** The workshop and its active board (its active activity, a board) as the staff document shows them. */
	async meta(): Promise<{ workshop: WorkshopView; board: BoardView }> {
		const doc = await this.staffDoc();
		const workshop = doc.getMap('meta').get('workshop') as WorkshopView;
		const board = doc.getMap(BOARD_MAPS.boards).get(workshop.activeActivityId!) as BoardView;
		return { workshop, board };
	}

	/** Sends one command, waiting out rate limits; throws on any other refusal. */
	async cmd<T = unknown>(name: string, payload: Record<string, unknown>): Promise<T> {
		const s = this.sockets[this.rr++ % this.sockets.length];
		const p = { key: newKey('f'), ...payload };
		for (let attempt = 0; attempt < 40; attempt++) {
			const r = await command(s, name as never, p, 15_000);
			if (r.ok) return r.data as T;
			if (r.error !== 'rate_limited' && (r.error as string) !== 'timeout') throw new Error(`${name}: ${r.error}`);
			await sleep(250);
		}
		throw new Error(`${name}: still rate limited`);
	}

	/** Sends many commands over all sockets, each socket paced under its limit (about 14 a second). */
	async many<T = unknown>(list: { name: string; payload: Record<string, unknown> }[]): Promise<T[]> {
		const out: T[] = new Array(list.length);
		let next = 0;
		await Promise.all(
			this.sockets.map(async (s) => {
				while (next < list.length) {
					const i = next++;
					const started = Date.now();
					const p = { key: newKey('f'), ...list[i].payload };
					for (let attempt = 0; ; attempt++) {
						const r = await command(s, list[i].name as never, p, 15_000);
						if (r.ok) {
							out[i] = r.data as T;
							break;
						}
						if ((r.error !== 'rate_limited' && (r.error as string) !== 'timeout') || attempt > 40) throw new Error(`${list[i].name}: ${r.error}`);
						await sleep(250);
					}
					await sleep(Math.max(0, 72 - (Date.now() - started)));
				}
			})
		);
		return out;
	}

	/** Board settings for the benchmark: cards live during Collect, counts visible. */
	async liveBoard(boardId: string, extra: Record<string, unknown> = {}) {
		await this.cmd('board:update', { boardId, settings: { privateUntilReveal: false, hideCountsUntilClosed: false, requireApproval: false, ...extra } });
	}

	/** A fresh projector link (the old one is revoked). */
	async projectorToken(): Promise<string> {
		return (await this.cmd<{ projectorToken: string }>('projector:rotate', {})).projectorToken;
	}

	close() {
		for (const s of this.sockets) s.close();
		this.staff?.destroy();
	}
}
