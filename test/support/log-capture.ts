// A real pino logger whose JSON lines are kept in memory, for tests that check what the server logs
// (and what it must never log).
import { createLogger, type Logger } from '../../server/logger';

export interface CapturedLog {
  logger: Logger;
  /** Every line logged so far, parsed. */
  lines: Record<string, unknown>[];
  /** Everything logged so far as raw text, for "never contains" checks. */
  text(): string;
  /** Lines whose `msg` matches. */
  find(msg: string | RegExp): Record<string, unknown>[];
}

export function captureLog(level = 'debug'): CapturedLog {
  const raw: string[] = [];
  const logger = createLogger({ level, destination: { write: (line: string) => void raw.push(line) } });
  const captured: CapturedLog = {
    logger,
    get lines() {
      return raw.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    text: () => raw.join(''),
    find: (msg) => captured.lines.filter((l) => (typeof msg === 'string' ? l.msg === msg : msg.test(String(l.msg)))),
  };
  return captured;
}
