// `npm run bench:cluster [-- <screens>]`: the cluster's figures (issue 11) next to one embedded node's
// measured in the same run on the same machine. Three nodes over one Postgres behind HAProxy (the test
// harness of test/cluster/), then faults: kill -9 of the moderator's node and of the node with most
// screens, with the journal checked afterwards. docs/performance.md records the results.
import { startCluster } from '../cluster/support/cluster';
import { findAcked, readJournal } from '../cluster/support/journal-check';
import { openSession } from '../cluster/support/session';
import { fanOut, latencies } from './cluster-figures';
import { createTable, ms, percentile, sortedCopy } from './figures';
import { sleep, startBenchServer } from './load';

const screens = Number(process.argv[2] ?? 1500);
const table = createTable();
const p = (values: number[], q: number) => percentile(sortedCopy(values), q);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

// ---- one embedded node: the baseline ------------------------------------------------------------
console.error('[bench:cluster] one embedded node …');
const single = await startBenchServer({ pages: false });
const singleLatency = await latencies([single.url], single.key, 30, 200);
const singleFan = await fanOut([single.url], single.key, screens, 10);
await single.stop();

// ---- three nodes over one Postgres --------------------------------------------------------------
console.error('[bench:cluster] three nodes over Postgres …');
const cluster = await startCluster();
try {
  const urls = cluster.nodes.map((n) => n.url);
  const key = cluster.secrets.moderatorKey;
  const clusterLatency = await latencies(urls, key, 30, 200);
  const clusterFan = await fanOut(urls, key, screens, 10);

  table.row(
    'command acknowledgement p50',
    ms(p(clusterLatency.acks, 50), 1),
    `${ms(p(singleLatency.acks, 50), 1)} (one node, SQLite)`,
    ratio(p(clusterLatency.acks, 50), p(singleLatency.acks, 50)),
  );
  table.row(
    'command acknowledgement p99 (target < 25 ms)',
    ms(p(clusterLatency.acks, 99), 1),
    `${ms(p(singleLatency.acks, 99), 1)} (one node, SQLite)`,
    ratio(p(clusterLatency.acks, 99), p(singleLatency.acks, 99)),
  );
  table.row(
    'ack → patch on a screen of another node, p50',
    ms(p(clusterLatency.ackToPatch, 50), 1),
    `${ms(p(singleLatency.ackToPatch, 50), 1)} (one node: its own screen)`,
    '',
  );
  table.row(
    'ack → patch on a screen of another node, p99 (target < 150 ms)',
    ms(p(clusterLatency.ackToPatch, 99), 1),
    `${ms(p(singleLatency.ackToPatch, 99), 1)} (one node: its own screen)`,
    '',
  );
  table.row(
    `last of ${screens} screens has the patch, p50 (target ≤ 0.5×)`,
    ms(p(clusterFan, 50), 0),
    `${ms(p(singleFan, 50), 0)} (one node, all ${screens})`,
    ratio(p(clusterFan, 50), p(singleFan, 50)),
  );
  table.row(
    `last of ${screens} screens has the patch, max`,
    ms(Math.max(...clusterFan), 0),
    `${ms(Math.max(...singleFan), 0)} (one node)`,
    '',
  );

  // ---- faults through HAProxy ---------------------------------------------------------------------
  console.error('[bench:cluster] faults …');
  const session = await openSession({ url: cluster.url, moderatorKey: key, viewers: 60 });
  await session.ready();
  await session.startTalking();
  session.stream();
  await sleep(1_500);

  // kill -9 of the moderator's node with a command in flight
  const modNode = await cluster.nodeWithMost('moderators');
  const pending = session.message();
  const killedAt = Date.now();
  await cluster.kill(modNode.nodeId);
  const answer = await pending;
  const moderatorBack = answer.ok ? session.acked.at(-1)!.ackedAt - killedAt : NaN;
  await sleep(2_000);
  await cluster.restart(modNode.nodeId);
  await sleep(2_000);

  // kill -9 of the node with most screens
  const busiest = await cluster.nodeWithMost('viewers');
  const killed2At = Date.now();
  await cluster.kill(busiest.nodeId);
  await sleep(6_000);
  const dropped = session.viewers.filter((v) => v.disconnects.some((d) => d.at >= killed2At));
  const backIn = dropped.map((v) => (v.snapshots.find((s) => s.at > killed2At)?.at ?? Infinity) - killed2At);
  const within5 = backIn.filter((t) => t <= 5_000).length;
  await cluster.restart(busiest.nodeId);

  const problems = await cluster.verify(session);
  const records = await readJournal(cluster.databaseUrl, session.store.getState().eventId!);
  const found = findAcked(records, session.acked);
  const lost = found.filter((f) => f.versions.length === 0).length;
  const doubled = found.filter((f) => f.versions.length > 1).length;
  session.close();

  table.row(
    'acknowledged commands lost / doubled across the faults (target 0)',
    `${lost} / ${doubled}`,
    `${session.acked.length} acknowledged`,
    problems.length ? `${problems.length} problems` : 'all checks held',
  );
  table.row(
    'moderator command acknowledged after its node was killed (target < 5 s)',
    answer.ok ? ms(moderatorBack, 0) : `refused: ${answer.error.code}`,
    'retried with the same id',
    '',
  );
  table.row(
    'screens of the killed node back with a fresh snapshot within 5 s (target 100 %)',
    `${dropped.length ? ((within5 / dropped.length) * 100).toFixed(0) : 'n/a'} %`,
    `${dropped.length} screens dropped; slowest ${ms(Math.max(...backIn), 0)}`,
    '',
  );
  for (const problem of problems.slice(0, 10)) console.error(`[bench:cluster] problem: ${problem}`);
} finally {
  await cluster.stop();
}

table.print();
process.exit(0);
