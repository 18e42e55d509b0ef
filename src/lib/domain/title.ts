import { ok, refuse, type Result } from './result';
import { hasVisible, stripInvisible } from './visible-text';

/** The longest title of anything a facilitator names (a workshop, an activity, a column, a group). */
export const TITLE_MAX_LENGTH = 80;

/** Cleans a one-line title (column, lane, cluster, board, workshop). */
export function cleanTitle(input: string, max = TITLE_MAX_LENGTH): Result<string, 'title_empty' | 'title_too_long'> {
	// eslint-disable-next-line no-control-regex
	const text = stripInvisible(input).replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
	if (!hasVisible(text)) return refuse('title_empty');
	if ([...text].length > max) return refuse('title_too_long');
	return ok(text);
}
