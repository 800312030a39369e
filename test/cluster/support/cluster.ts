// A whole test cluster: its own Postgres in a temp dir, three Rollcall nodes on free ports, and HAProxy
// in front of them from the shipped configuration. `verify` checks what must hold after every run.
import { randomBytes } from 'node:crypto';
import type { ApiState } from '../../../lib/view';
import { startPostgres, type TestPostgres } from '../../support/postgres';
import { startHaproxy, type Haproxy } from './haproxy';
import { journalProblems, readJournal, replay, stateProblems } from './journal-check';
import { health, kill9, restartNode, startNode, waitHealthy, type ClusterSecrets, type NodeOptions, type RollcallNode } from './nodes';
import { freePort, until } from './processes';
import { allAt } from './watchers';
import type { Session } from './session';

export interface Cluster {
  postgres: TestPostgres;
  databaseUrl: string;
  secrets: ClusterSecrets;
  nodes: RollcallNode[];
  haproxy: Haproxy;
  url: string;
  node(nodeId: string): RollcallNode;
  /** kill -9 of a node; returns once HAProxy has taken it out. */
  kill(nodeId: string): Promise<void>;
  /** Starts a node again in its place (same id and port) and waits until HAProxy has it back. */
  restart(nodeId: string, changes?: Partial<NodeOptions>): Promise<RollcallNode>;
  /** The node HAProxy sent most screens (or the moderator) to, by each node's own count in /api/health. */
  nodeWithMost(kind: 'viewers' | 'moderators'): Promise<RollcallNode>;
  stateOf(node: RollcallNode): Promise<ApiState>;
  /** Everything that went wrong in the run (empty when all held); see journal-check.ts. */
  verify(session: Session): Promise<string[]>;
  stop(): Promise<void>;
}

const NODE_IDS = ['node1', 'node2', 'node3'];

export async function startCluster(options: { pages?: boolean } = {}): Promise<Cluster> {
  const postgres = await startPostgres();
  const stopAll: (() => Promise<void> | void)[] = [() => postgres.destroy()];
  try {
    const databaseUrl = await postgres.createDatabase('rollcall');
    const haproxyPort = await freePort();
    const secrets: ClusterSecrets = {
      moderatorKey: randomBytes(24).toString('base64url'),
      linksKey: randomBytes(32).toString('base64url'),
      publicUrl: `http://127.0.0.1:${haproxyPort}`,
    };
    const nodes: RollcallNode[] = [];
    const current = (nodeId: string) => {
      const node = nodes.find((n) => n.nodeId === nodeId);
      if (!node) throw new Error(`no node ${nodeId}`);
      return node;
    };
    // One after another: the first creates the schema and the event, the others find it.
    for (const nodeId of NODE_IDS) {
      const node = await startNode({ nodeId, databaseUrl, secrets, pages: options.pages });
      stopAll.push(() => current(nodeId).stop());
      nodes.push(node);
      await waitHealthy(node);
    }
    const haproxy = await startHaproxy(nodes, haproxyPort);
    stopAll.push(() => haproxy.stop());
    for (const nodeId of NODE_IDS) await haproxy.waitState(nodeId, 'UP');

    const stateOf = async (node: RollcallNode) => {
      const res = await fetch(`${node.url}/api/state`, { signal: AbortSignal.timeout(5_000) });
      if (!res.ok) throw new Error(`${node.nodeId}: GET /api/state answered ${res.status}`);
      return (await res.json()) as ApiState;
    };

    const cluster: Cluster = {
      postgres,
      databaseUrl,
      secrets,
      nodes,
      haproxy,
      url: haproxy.url,
      node: current,
      async kill(nodeId) {
        await kill9(current(nodeId));
        await haproxy.waitState(nodeId, 'DOWN');
      },
      async restart(nodeId, changes = {}) {
        const old = current(nodeId);
        await old.stop();
        const node = await restartNode(old, changes);
        nodes[nodes.indexOf(old)] = node;
        if (!changes.clockOffsetSeconds) {
          await waitHealthy(node);
          await haproxy.waitState(nodeId, 'UP');
        }
        return node;
      },
      async nodeWithMost(kind) {
        const counts = await Promise.all(
          nodes.map(async (node) => {
            const h = await health(node);
            const count = (h?.body.sockets as Record<string, unknown> | undefined)?.[kind];
            if (typeof count !== 'number') throw new Error(`${node.nodeId}'s /api/health names no sockets.${kind}: ${JSON.stringify(h)}`);
            return { node, count };
          }),
        );
        return counts.reduce((a, b) => (b.count > a.count ? b : a)).node;
      },
      stateOf,
      async verify(session) {
        await session.stop();
        const last = await session.message();
        if (!last.ok) return [`the closing message was refused: ${last.error.code} ${last.error.message}`];
        const problems: string[] = [];
        try {
          await allAt(session.watchers, last.version, 20_000);
        } catch (error) {
          problems.push((error as Error).message);
        }
        const eventId = session.store.getState().eventId;
        if (!eventId) return [...problems, 'the moderator holds no event'];
        const records = await readJournal(databaseUrl, eventId);
        const replayed = replay(records);
        problems.push(...journalProblems(records, session.acked));
        for (const node of nodes.filter((n) => n.running)) {
          let served: ApiState | null = null;
          try {
            served = await until(
              `${node.nodeId} at the journal's last version ${replayed.version}`,
              async () => {
                const s = await stateOf(node);
                return s.version >= replayed.version && s;
              },
              15_000,
            );
          } catch (error) {
            problems.push((error as Error).message);
          }
          if (served) problems.push(...stateProblems(node.nodeId, served, replayed));
        }
        problems.push(...session.problems());
        return problems;
      },
      async stop() {
        for (const stop of stopAll.reverse()) await stop();
      },
    };
    return cluster;
  } catch (error) {
    for (const stop of stopAll.reverse()) await stop();
    throw error;
  }
}
