// Structured logs: pino, one JSON object per line on stdout. The logger is created by the entry point
// and passed down (tests pass a silent or capturing one). Nothing secret is ever logged: callers pass
// roles, entry ids, command types and reasons, never keys, tokens, payloads or contacts; the redact
// list is the second line of defence should a whole object slip in.
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Actor } from '../lib/model';
import type { RollcallError } from '../lib/protocol';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const REDACT = [
  'key',
  'token',
  'contact',
  'authorization',
  'credentials',
  '*.key',
  '*.token',
  '*.contact',
  '*.authorization',
  '*.credentials',
];

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const level = options.level ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new Error(`ROLLCALL_LOG_LEVEL: unknown level "${level}"; expected one of ${LOG_LEVELS.join(', ')}`);
  }
  return pino(
    { level, base: { app: 'rollcall' }, timestamp: pino.stdTimeFunctions.isoTime, redact: { paths: REDACT, censor: '[redacted]' } },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** For tests and tools that want no output. */
export const silentLogger = (): Logger => pino({ level: 'silent' });

/** One line per refused request: who (role, entry id), what, and why; never the payload. */
export function logRefusal(logger: Logger, transport: 'http' | 'socket', actor: Actor | null, what: string, error: RollcallError) {
  logger.info(
    {
      transport,
      role: actor?.role ?? 'unknown',
      entryId: actor?.role === 'participant' ? actor.entryId : undefined,
      what,
      code: error.code,
      reason: error.reason,
      message: error.message,
    },
    'refused',
  );
}
