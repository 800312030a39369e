// Cluster nodes in the test process, over one test Postgres: each test gets its own database, so
// tests share the server (started once per file) but nothing else.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll } from 'vitest';
import pg from 'pg';
import { startClusterNode, type ClusterNode, type ClusterOptions } from '../../server/cluster/cluster-node';
import { KEY, NO_LIMITS } from './real-server';
import { startPostgres, type TestPostgres } from './postgres';

export const LINKS_KEY = randomBytes(32);

export interface ClusterFixture {
  pg: TestPostgres;
  /** A fresh database for this test. */
  database(): Promise<string>;
  /** Starts a node on the given database; closed after the test. */
  node(databaseUrl: string, options?: Partial<ClusterOptions>): Promise<ClusterNode>;
  /** A plain connection to the database, closed after the test. */
  sql(databaseUrl: string): Promise<pg.Client>;
}

export function useTestCluster(): ClusterFixture {
  const nodes: ClusterNode[] = [];
  const clients: pg.Client[] = [];
  const fixture = {} as ClusterFixture;
  beforeAll(async () => {
    fixture.pg = await startPostgres();
  });
  afterAll(() => fixture.pg?.destroy());
  afterEach(async () => {
    await Promise.all(nodes.splice(0).map((n) => n.close().catch(() => {})));
    await Promise.all(clients.splice(0).map((c) => c.end().catch(() => {})));
  });
  fixture.database = () => fixture.pg.createDatabase();
  fixture.node = async (databaseUrl, options = {}) => {
    const node = await startClusterNode({
      databaseUrl,
      moderatorKey: KEY,
      sealingKey: LINKS_KEY,
      port: 0,
      host: '127.0.0.1',
      publicUrl: 'http://rollcall.test',
      limits: NO_LIMITS,
      reconnectGraceMs: 1000,
      ...options,
    });
    nodes.push(node);
    return node;
  };
  fixture.sql = async (databaseUrl) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    client.on('error', () => {}); // a test that stops Postgres sees it in its queries, not here
    await client.connect();
    clients.push(client);
    return client;
  };
  return fixture;
}
