// A clock that moves only when a test moves it, with timers that fire as it passes them: the
// server's reconnect grace, coalescing and refusal delays run without the test sleeping.
import type { Clock, Timer, Timers } from '../../server/clock';

interface Pending {
  at: number;
  order: number;
  fn: () => void;
}

export class FakeTime implements Clock, Timers {
  private pending: Pending[] = [];
  private scheduled = 0;

  constructor(public t: number) {}

  now = (): number => this.t;

  after = (ms: number, fn: () => void): Timer => {
    const timer: Pending = { at: this.t + Math.max(0, ms), order: this.scheduled++, fn };
    this.pending.push(timer);
    return { cancel: () => void (this.pending = this.pending.filter((p) => p !== timer)) };
  };

  /** Moves the clock by `ms`, firing every timer that falls due on the way, in order, each at its own time. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.pending.filter((p) => p.at <= end).sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!due) break;
      this.pending = this.pending.filter((p) => p !== due);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = end;
  }

  /** Timers not fired or cancelled yet. */
  get waiting(): number {
    return this.pending.length;
  }
}
