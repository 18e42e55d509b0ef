/**
 * The credentials core of the badges (docs/ARCHITECTURE.md, "Credentials"): pure server-side functions, no
 * database. Contexts and DID documents come from local sources only; keys live in files; the lead's services call in.
 */
export * from './contexts';
export * from './keys';
export * from './issuer';
export * from './build';
export * from './status-list';
export * from './sign';
export * from './verify';
export * from './schema';
