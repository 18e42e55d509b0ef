import type { MsgOptions } from '$lib/components/room/text';
import { errorMessageFrom } from '$lib/components/room/text';
import type { ErrorCode } from '$lib/protocol/commands';
import { BOARD_ERRORS } from './board/text';
import { BARCAMP_ERRORS } from './barcamp/text';

/** Every module's refusal messages: one line per module. */
const TABLES = [BOARD_ERRORS, BARCAMP_ERRORS];

/** The translated message for any refusal code (the core's or a module's). */
export function errorMessage(code: ErrorCode, o?: MsgOptions): string {
	return errorMessageFrom(TABLES, code, o);
}
