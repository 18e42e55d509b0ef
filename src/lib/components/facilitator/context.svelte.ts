import { getContext, setContext } from 'svelte';
import type { CommandName, CommandPayload, CommandResult } from '$lib/protocol/commands';

export type ControlCommand = Exclude<CommandName, 'session:hello'>;

/** Sends one command (the room adds the idempotency key); resolves to the ack's data, or null after a shown error. */
export type Send = <C extends ControlCommand>(name: C, payload: Omit<CommandPayload<C>, 'key'>) => Promise<CommandResult<C> | null>;

/** What is being dragged on the board (HTML5 drag and drop carries only strings). */
export type Dragged = { kind: 'card' | 'cluster'; id: string };

/** Where a card or cluster was sent by its Move menu (clusters have no `clusterId`). */
export type MoveTarget = { id: string; columnId: string; laneId: string | null; clusterId?: string | null };

/** Shared state of the facilitator's control room: the command function, read-only mode and the drag in flight. */
export class ControlRoom {
	drag = $state<Dragged | null>(null);
	/**
	 * An item moved from its menu. Moving re-creates its tile in the new cell, which drops the keyboard focus to the
	 * page; the tile drawn at the target takes the focus back and clears this.
	 */
	moved = $state<MoveTarget | null>(null);

	constructor(
		readonly send: Send,
		private isReadonly: () => boolean
	) {}

	/**
	 * Moves an item from its menu: remembers where it goes (so the tile drawn there takes the focus), waits for the
	 * command (its result, null when refused), then closes the menu, or forgets the target if the move was refused.
	 */
	async moveFrom(target: MoveTarget, sent: Promise<unknown>, menu: HTMLDetailsElement | undefined) {
		this.moved = target;
		const done = await sent;
		if (!done && this.moved?.id === target.id) this.moved = null;
		if (done && menu) menu.open = false;
	}

	/** Whether a tile showing `item` at its current place should take the focus after a move (and marks it done). */
	claimFocus(item: MoveTarget): boolean {
		const m = this.moved;
		if (!m || m.id !== item.id || m.columnId !== item.columnId || m.laneId !== item.laneId) return false;
		if (m.clusterId !== undefined && m.clusterId !== item.clusterId) return false;
		this.moved = null;
		return true;
	}

	/** True once the workshop is closed: nothing may change any more. */
	get readonly(): boolean {
		return this.isReadonly();
	}
}

const KEY = Symbol('plenum.control-room');

/** Makes the control room available to the components below. */
export function setControlRoom(c: ControlRoom): ControlRoom {
	return setContext(KEY, c);
}

/** The control room set by the page. */
export function getControlRoom(): ControlRoom {
	return getContext<ControlRoom>(KEY);
}
