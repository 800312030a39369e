// HAProxy in front of the test cluster, run from the shipped configuration (docs/deploy/haproxy.cfg)
// itself: only the addresses differ, passed as the environment variables that file reads. Its stats
// page (CSV) tells the tests when HAProxy has taken a node out of rotation or back.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../e2e/support/env';
import { freePort, supervise, until, type Supervised } from './processes';

export const HAPROXY_CONFIG = join(ROOT, 'docs', 'deploy', 'haproxy.cfg');

/** Throws (never skips) when HAProxy is missing, saying how to get it. */
export function assertHaproxy(): string {
  try {
    return execFileSync('haproxy', ['-v'], { encoding: 'utf8' }).split('\n')[0]!;
  } catch {
    throw new Error(
      'The cluster tests need HAProxy (the `haproxy` command), which is missing.\n' +
        'Install it: apt-get install -y haproxy (.ci/run does this on a clean machine).',
    );
  }
}

export interface Haproxy extends Supervised {
  url: string;
  /** HAProxy's view of each node: UP, DOWN, or a transition such as "UP 1/2". */
  states(): Promise<Record<string, string>>;
  waitState(nodeId: string, state: 'UP' | 'DOWN', timeoutMs?: number): Promise<void>;
}

export async function startHaproxy(nodes: readonly { nodeId: string; port: number }[], port?: number): Promise<Haproxy> {
  assertHaproxy();
  if (nodes.length !== 3) throw new Error('docs/deploy/haproxy.cfg names three nodes');
  const bind = port ?? (await freePort());
  const statsPort = await freePort();
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    ROLLCALL_BIND: `127.0.0.1:${bind}`,
    ROLLCALL_HAPROXY_STATS: `127.0.0.1:${statsPort}`,
  };
  nodes.forEach((node, i) => {
    if (node.nodeId !== `node${i + 1}`) throw new Error(`the config names its servers node1..3, not ${node.nodeId}`);
    env[`ROLLCALL_NODE${i + 1}`] = `127.0.0.1:${node.port}`;
  });
  // -db: stay in the foreground, so the harness supervises it like any other process.
  const proc = supervise('haproxy', 'haproxy', ['-db', '-f', HAPROXY_CONFIG], { cwd: ROOT, env: env as NodeJS.ProcessEnv });
  const stats = `http://127.0.0.1:${statsPort}/stats;csv`;
  const states = async (): Promise<Record<string, string>> => {
    const text = await (await fetch(stats, { signal: AbortSignal.timeout(2_000) })).text();
    const [header, ...rows] = text.replace(/^# /, '').trim().split('\n');
    const columns = header!.split(',');
    const at = (name: string) => columns.indexOf(name);
    const result: Record<string, string> = {};
    for (const row of rows) {
      const cells = row.split(',');
      if (cells[at('pxname')] === 'rollcall_nodes' && cells[at('svname')]!.startsWith('node'))
        result[cells[at('svname')]!] = cells[at('status')]!;
    }
    return result;
  };
  const haproxy: Haproxy = Object.assign(proc, {
    url: `http://127.0.0.1:${bind}`,
    states,
    async waitState(nodeId: string, state: 'UP' | 'DOWN', timeoutMs = 15_000) {
      await until(`HAProxy to see ${nodeId} ${state}`, async () => (await states())[nodeId] === state, timeoutMs);
    },
  });
  try {
    await until(
      'HAProxy to answer its stats page',
      async () => {
        if (!proc.running) throw new Error('it exited');
        return states().then(
          () => true,
          () => false,
        );
      },
      10_000,
    );
  } catch (error) {
    await proc.stop();
    throw new Error(`HAProxy did not start (${(error as Error).message}); it printed:\n${proc.output()}`);
  }
  return haproxy;
}
