// The two load figures of issue 7, each beside a quiet baseline of the same run on the same server:
// (a) one city's link flooding signals and reconnects from 20 sockets while 1000 screens watch;
// (b) anonymous sockets flooding `sync` and clients reloading /screen.
import type { Socket } from 'socket.io-client';
import { percentile, sortedCopy } from './figures';
import { connectScreens, connected, floodLink, floodSync, openSocket, reloadPages, send, sleep, startBenchServer, timedAcks } from './load';

/** The moderator's commands: an extension and its undoing, over and over; every screen sees each. */
const extend = (i: number) => ({ type: 'speaker.extend', seconds: i % 2 ? -10 : 10 });

/** Quiet and flooded rounds take turns, so a change in the machine's other load hits both alike. */
const ROUNDS = 3;

/** `ROUNDS` × (quiet, flooded) rounds of `commands / ROUNDS` acknowledgements each, pooled per kind. */
async function alternate(moderator: Socket, commands: number, startFlood: () => { stop(): Promise<void> }) {
  const quiet: number[] = [];
  const busy: number[] = [];
  const versions: number[] = [];
  const started = Date.now();
  let floodedMs = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const calm = await timedAcks(moderator, commands / ROUNDS, extend);
    const flood = startFlood();
    const from = Date.now();
    await sleep(1_000);
    const flooded = await timedAcks(moderator, commands / ROUNDS, extend);
    await flood.stop();
    floodedMs += Date.now() - from;
    quiet.push(...calm.latencies);
    busy.push(...flooded.latencies);
    versions.push(...calm.versions, ...flooded.versions);
    await sleep(500);
  }
  return { quiet: sortedCopy(quiet), busy: sortedCopy(busy), versions: new Set(versions), floodedSeconds: floodedMs / 1000, seconds: (Date.now() - started) / 1000 };
}

/** Adds up the stats of the floods of every round. */
function tally<T extends Record<string, number>>(start: (stats: T) => { stop(): Promise<void> }, zero: T) {
  const total = { ...zero };
  return {
    total,
    start: () => start(total),
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
    const links = (await (await fetch(`${server.url}/api/links`, { headers: { authorization: `Bearer ${server.key}` } })).json()) as { token: string }[];
    // Screens record every patch throughout: one whose version is not one of the moderator's
    // commands was sent for a change they cannot see.
    const recording = { on: true };
    const screens = await connectScreens(server.url, screensCount, recording);
    await sleep(1_000);
    screens.forEach((s) => (s.versions.length = 0));
    const floods = tally(
      (total) => {
        const flood = floodLink(server.url, links[5]!.token, 20);
        return { stop: () => flood.stop().then(() => Object.entries(flood.stats).forEach(([k, v]) => (total[k as keyof typeof total] += v))) };
      },
      { connected: 0, refused: 0, accepted: 0, limited: 0 },
    );
    const run = await alternate(moderator, commands, floods.start);
    await sleep(500);
    const all = screens.flatMap((s) => s.versions);
    for (const s of [moderator, ...screens.map((x) => x.socket)]) s.disconnect();
    return {
      quietP50: percentile(run.quiet, 50),
      busyP50: percentile(run.busy, 50),
      invisible: all.filter((v) => !run.versions.has(v)).length,
      delivered: all.length,
      flood: floods.total,
      seconds: run.floodedSeconds,
    };
  } finally {
    await server.stop();
  }
}

export async function syncAndPageFlood(commands: number) {
  const server = await startBenchServer({ pages: true });
  try {
    const moderator = await moderatorOf(server.url, server.key);
    const syncers = Array.from({ length: 10 }, () => openSocket(server.url));
    await Promise.all(syncers.map(connected));
    await fetch(`${server.url}/screen`).then((r) => r.arrayBuffer()); // Next compiles the route on first use
    await sleep(1_000);
    const floods = tally(
      (total) => {
        const syncs = floodSync(syncers);
        const pages = reloadPages(server.url, '/screen', 10);
        return {
          stop: async () => {
            await Promise.all([syncs.stop(), pages.stop()]);
            total.snapshots += syncs.stats.snapshots;
            total.syncsRefused += syncs.stats.refused;
            total.bytes += syncs.stats.bytes;
            total.pages += pages.stats.ok;
            total.pagesRefused += pages.stats.refused;
          },
        };
      },
      { snapshots: 0, syncsRefused: 0, bytes: 0, pages: 0, pagesRefused: 0 },
    );
    const run = await alternate(moderator, commands, floods.start);
    for (const s of [moderator, ...syncers]) s.disconnect();
    return { quietP95: percentile(run.quiet, 95), busyP95: percentile(run.busy, 95), seconds: run.floodedSeconds, flood: floods.total };
  } finally {
    await server.stop();
  }
}
