/** Parses a JSON column; a damaged value falls back (and is reported) rather than taking the room down. */
export function parseJson<T>(raw: string, fallback: T, what: string, valid: (v: unknown) => boolean): T {
	try {
		const v = JSON.parse(raw);
		if (valid(v)) return v as T;
	} catch {
		/* reported below */
	}
	onDamage?.(what);
	return fallback;
}

let onDamage: ((what: string) => void) | null = null;

/** Where damaged rows are reported (the process logger). */
export function reportDamageTo(fn: (what: string) => void) {
	onDamage = fn;
}

