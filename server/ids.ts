import { createHash, randomBytes } from 'node:crypto';

/** A short random identifier (72 bits, URL-safe), for rows and Yjs map keys. */
export const newId = (): string => randomBytes(9).toString('base64url');

/** A secret token for cookies and links (256 bits, URL-safe). */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** What the database keeps of a secret token: its SHA-256, so a stolen database opens no session. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');
