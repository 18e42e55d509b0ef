import type { ErrorCode } from '$lib/protocol/commands';
import type { CommandInput, Room, SendableCommand } from '$lib/realtime/room.svelte';

/**
 * One control's command with its refusal kept beside it: `run` sends through the room's outbox, `busy` holds while
 * the server has not answered, and a refusal lands in `error` (shown next to the button that caused it) instead of
 * only in the page's toast, which it clears so the same words are not announced twice.
 */
export class Action {
	busy = $state(false);
	error = $state.raw<ErrorCode | null>(null);

	constructor(private readonly room: Room) {}

	async run<C extends SendableCommand>(name: C, payload: CommandInput<C>): Promise<boolean> {
		this.busy = true;
		this.error = null;
		const r = await this.room.send(name, payload);
		this.busy = false;
		if (r.ok) return true;
		this.error = r.error;
		if (this.room.lastError?.command === name && this.room.lastError.code === r.error) this.room.clearError();
		return false;
	}

	clear() {
		this.error = null;
	}
}
