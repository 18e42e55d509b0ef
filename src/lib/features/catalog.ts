import { BOARD_INFO } from './board/info';
import { BARCAMP_INFO } from './barcamp/info';
import { HACKATHON_INFO } from './hackathon/info';

/**
 * The browser's registry of activity types: one line per module, with what pages need to know of each (type,
 * phases, document maps, export formats) and none of the command schemas, so zod stays out of the pages' bundles.
 * The full registry (commands, event kinds, refusals) is src/lib/features/index.ts.
 */
export const ACTIVITY_INFO = {
	board: BOARD_INFO,
	barcamp: BARCAMP_INFO,
	hackathon: HACKATHON_INFO
} as const;

export type ActivityType = keyof typeof ACTIVITY_INFO;

/** The type of a new activity when the facilitator does not choose one (the first registered). */
export const DEFAULT_ACTIVITY_TYPE: ActivityType = 'board';

export function isActivityType(t: string): t is ActivityType {
	return Object.hasOwn(ACTIVITY_INFO, t);
}
