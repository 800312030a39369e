// Child processes of the cluster harness (Rollcall nodes, HAProxy): each in its own process group, so
// that kill -9, SIGSTOP and SIGCONT reach tsx's node child too; output kept for failure messages, and
// every process still running is killed when this process exits. Free of vitest: the cluster bench
// uses it as well.
import { spawn, type ChildProcess } from 'node:child_process';

export { freePort } from '../../support/postgres';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something truthy; fails naming `what` after the deadline. */
export async function until<T>(
  what: string,
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

export interface Supervised {
  name: string;
  child: ChildProcess;
  /** The last 60 kB it printed. */
  output(): string;
  readonly running: boolean;
  exited: Promise<void>;
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

const everyone = new Set<Supervised>();
process.once('exit', () => {
  for (const p of everyone) p.signal('SIGKILL');
});

export function supervise(name: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Supervised {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-60_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let running = true;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running = false;
      everyone.delete(self);
      resolve();
    });
    child.once('error', (error) => {
      keep(Buffer.from(`\n[harness] could not start ${command}: ${error.message}\n`));
      running = false;
      everyone.delete(self);
      resolve();
    });
  });
  const self: Supervised = {
    name,
    child,
    output: () => output,
    get running() {
      return running;
    },
    exited,
    signal(signal) {
      if (!running || child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    },
    async stop(graceMs = 5_000) {
      if (!running) return;
      self.signal('SIGCONT'); // a stopped process cannot handle SIGTERM
      self.signal('SIGTERM');
      const timer = setTimeout(() => self.signal('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  everyone.add(self);
  return self;
}
