import pino from 'pino';

/**
 * The process logger. Nothing personal goes in: no card text, no nicknames, no tokens; ids and reasons only.
 * Redaction is a second line of defence for fields that should never have been passed.
 */
export function createLogger(level: string) {
	return pino({
		level,
		redact: { paths: ['text', 'nickname', 'password', 'token', '*.text', '*.nickname', '*.password', '*.token', 'req.headers.cookie'], censor: '[redacted]' }
	});
}

export type Logger = ReturnType<typeof createLogger>;
