/** The one change that turns `before` into `after`: delete `remove` characters at `at`, then insert `insert` there. */
export function textChange(before: string, after: string, caret = after.length): { at: number; remove: number; insert: string } {
	const grown = Math.max(0, after.length - before.length);
	// The edit ended at the caret: with repeated letters ("aa" -> "aaa") the change starts where the typing was.
	const limit = Math.max(0, Math.min(before.length, after.length, caret - grown));
	let start = 0;
	while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
	let endB = before.length;
	let endA = after.length;
	while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
		endB--;
		endA--;
	}
	return { at: start, remove: endB - start, insert: after.slice(start, endA) };
}

type Delta = { insert?: unknown; delete?: number; retain?: number }[];

/** Where a position of the old text is after a remote change (a Y.Text delta); text inserted at it stays after it. */
export function mapPosition(delta: Delta, index: number): number {
	let i = 0;
	let shift = 0;
	for (const op of delta) {
		if (i > index) break;
		if (op.retain) i += op.retain;
		else if (op.insert !== undefined) {
			if (i < index) shift += typeof op.insert === 'string' ? op.insert.length : 1;
		} else if (op.delete) {
			if (i < index) shift -= Math.min(op.delete, index - i);
			i += op.delete;
		}
	}
	return Math.max(0, index + shift);
}
