/** The outcome of a domain rule: a value, or the reason a person should be told why not. */
export type Result<T, R extends string = string> = { ok: true; value: T } | { ok: false; reason: R };

/** Builds a successful result. */
export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** Builds a refusal with a machine-readable reason. */
export const refuse = <R extends string>(reason: R): { ok: false; reason: R } => ({ ok: false, reason });
