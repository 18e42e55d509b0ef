import { errorMessage, registerErrorMessages } from '$lib/components/room/text';
import { BOARD_ERRORS } from './board/errors';
import { BARCAMP_ERRORS } from './barcamp/errors';
import { HACKATHON_ERRORS } from './hackathon/errors';

// Every module's refusal messages: one line per module. (The phone registers only the modules' it loaded.)
for (const table of [BOARD_ERRORS, BARCAMP_ERRORS, HACKATHON_ERRORS]) registerErrorMessages(table);

/** The translated message for any refusal code (the core's or a module's). */
export { errorMessage };
