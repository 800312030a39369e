// Time, as the server sees it: a clock to read and timers to wait with. Both are passed in, so the
// tests run the server on a fake clock whose timers fire when the test moves it, with no sleeping.
import type { Logger } from './logger';

export interface Clock {
  now(): number;
}

export interface Timer {
  cancel(): void;
}

/** Everything the server waits for (a reconnect grace, coalescing, a refusal's delay) goes through this. */
export interface Timers {
  /** Runs `fn` after `ms`; what `fn` throws is the caller's to catch (the timer has no caller to tell). */
  after(ms: number, fn: () => void): Timer;
}

export const systemClock: Clock = { now: () => Date.now() };

export const systemTimers: Timers = {
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(timer) };
  },
};

/** The same timers, with callbacks that cannot take the process down: what one throws is logged under `name`. */
export function loggedTimers(timers: Timers, logger: Pick<Logger, 'error'>, name: string): Timers {
  return {
    after: (ms, fn) =>
      timers.after(ms, () => {
        try {
          fn();
        } catch (error) {
          logger.error({ err: error, timer: name }, 'a timer failed');
        }
      }),
  };
}
