// The two load figures of issue 7, each beside a quiet baseline of the same run on the same server:
// (a) one city's link flooding signals and reconnects from 20 sockets while 1000 screens watch;
// (b) anonymous sockets flooding `sync` and clients reloading /screen.
// The floods run in a process of their own at the lowest priority (load.ts startFlood).
import type { Socket } from 'socket.io-client';
import { patchIsEmpty } from '../../lib/view';
import { percentile, sortedCopy } from './figures';
import { connectScreens, connected, openSocket, send, sleep, startBenchServer, startFlood, timedAcks, type BenchServer } from './load';

/** The moderator's commands: an extension and its undoing, over and over; every screen sees each. */
const extend = (i: number) => ({ type: 'speaker.extend', seconds: i % 2 ? -10 : 10 });

/** Quiet and flooded rounds take turns, so a change in the machine's other load hits both alike. */
const ROUNDS = 3;

/**
 * `ROUNDS` × (quiet, flooded) rounds of `commands / ROUNDS` acknowledgements each, pooled per kind,
 * with the server's CPU use in each kind of round and the floods' stats added up.
 */
async function alternate(server: BenchServer, moderator: Socket, commands: number, flood: string[]) {
  const quiet: number[] = [];
  const busy: number[] = [];
  const versions = new Set<number>();
  const cpu = { quiet: 0, busy: 0, quietS: 0, busyS: 0 };
  const stats: Record<string, number> = {};
  const measured = async (into: number[], kind: 'quiet' | 'busy') => {
    const [c0, t0] = [server.cpuSeconds(), Date.now()];
    const acks = await timedAcks(moderator, commands / ROUNDS, extend);
    cpu[kind] += server.cpuSeconds() - c0;
    cpu[`${kind}S`] += (Date.now() - t0) / 1000;
    into.push(...acks.latencies);
    acks.versions.forEach((v) => versions.add(v));
  };
  for (let round = 0; round < ROUNDS; round++) {
    await measured(quiet, 'quiet');
    const running = await startFlood(flood);
    await sleep(1_000);
    await measured(busy, 'busy');
    for (const [k, v] of Object.entries(await running.stop())) stats[k] = (stats[k] ?? 0) + v;
    await sleep(500);
  }
  return {
    quiet: sortedCopy(quiet),
    busy: sortedCopy(busy),
    versions,
    stats,
    /** Share of one core the server used while the moderator's commands were timed. */
    cpuQuiet: cpu.quiet / cpu.quietS,
    cpuBusy: cpu.busy / cpu.busyS,
  };
}

async function moderatorOf(url: string, key: string) {
  const socket = openSocket(url, { auth: { key } });
  await connected(socket);
  for (const type of ['session.start', 'speaker.next']) {
    const result = await send(socket, { type });
    if (!result.ok) throw new Error(`${type}: ${result.error.message}`);
  }
  return socket;
}

export async function linkFlood(screensCount: number, commands: number) {
  const server = await startBenchServer({ pages: false });
  try {
    const moderator = await moderatorOf(server.url, server.key);
    const links = (await (await fetch(`${server.url}/api/links`, { headers: { authorization: `Bearer ${server.key}` } })).json()) as {
      token: string;
    }[];
    const recording = { on: false };
    const screens = await connectScreens(server.url, screensCount, recording);
    await sleep(1_000);
    recording.on = true;
    const run = await alternate(server, moderator, commands, ['link', server.url, links[5]!.token]);
    await sleep(6_000); // the link's last disconnect: reconnecting, then offline after the 5 s grace
    recording.on = false;
    const all = screens.flatMap((s) => s.patches);
    // A screen sees the city's link only as the count of connected cities, online or within the grace.
    const countOnly = (p: (typeof all)[number]) => Object.keys(p.set).every((k) => k === 'version' || k === 'onlineCount');
    for (const s of [moderator, ...screens.map((x) => x.socket)]) s.disconnect();
    return {
      ...run,
      quietP50: percentile(run.quiet, 50),
      busyP50: percentile(run.busy, 50),
      forModerator: all.filter((p) => run.versions.has(p.version)).length,
      invisible: all.filter((p) => patchIsEmpty(p)).length,
      countChanges: all.filter((p) => !run.versions.has(p.version) && !patchIsEmpty(p) && countOnly(p)).length,
      unexplained: all.filter((p) => !run.versions.has(p.version) && !countOnly(p)).length,
    };
  } finally {
    await server.stop();
  }
}

export async function syncAndPageFlood(commands: number) {
  const server = await startBenchServer({ pages: true });
  try {
    const moderator = await moderatorOf(server.url, server.key);
    await fetch(`${server.url}/screen`).then((r) => r.arrayBuffer()); // Next compiles the route on first use
    await sleep(1_000);
    const run = await alternate(server, moderator, commands, ['sync-and-pages', server.url]);
    moderator.disconnect();
    return { ...run, quietP95: percentile(run.quiet, 95), busyP95: percentile(run.busy, 95) };
  } finally {
    await server.stop();
  }
}

/** The moderator's acknowledgement with nobody else connected: `commands` extensions, 60 ms apart (within its budget). */
export async function moderatorAcks(commands: number) {
  const server = await startBenchServer({ pages: false });
  try {
    const moderator = await moderatorOf(server.url, server.key);
    const acks = await timedAcks(moderator, commands, extend);
    moderator.disconnect();
    const sorted = sortedCopy(acks.latencies);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  } finally {
    await server.stop();
  }
}
