// The measurements of `npm run bench:cluster`, each usable on one embedded node (the baseline) and on
// a cluster's nodes alike: the moderator connected to one node, screens spread evenly over the nodes
// given, everything timed in this process on one clock (performance.now).
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import type { CommandResult, PatchMessage } from '../../lib/protocol';
import { address, openSocket, sleep } from './load';

interface Screen {
  socket: Socket;
  node: number;
  /** When each version's patch arrived. */
  arrivals: Map<number, number>;
}

/** `n` screens, round robin over `urls`, ten per loopback address, connected 50 at a time. */
async function connectScreens(urls: readonly string[], n: number): Promise<Screen[]> {
  const screens: Screen[] = [];
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from({ length: Math.min(50, n - i) }, (_, j) => {
      const k = i + j;
      const node = k % urls.length;
      const socket = openSocket(urls[node]!, { localAddress: address(Math.floor(k / 10)) });
      const screen: Screen = { socket, node, arrivals: new Map() };
      socket.on('patch', (p: PatchMessage) => screen.arrivals.set(p.version, performance.now()));
      return screen;
    });
    await Promise.all(
      batch.map(
        (s) =>
          new Promise<void>((resolve, reject) => {
            s.socket.once('snapshot', () => resolve());
            s.socket.once('connect_error', reject);
          }),
      ),
    );
    screens.push(...batch);
  }
  return screens;
}

async function connectModerator(url: string, key: string): Promise<Socket> {
  const socket = openSocket(url, { auth: { key } });
  await new Promise<void>((resolve, reject) => {
    socket.once('snapshot', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

let texts = 0;
/** A message to the screens: every screen sees it, and it never repeats. */
const message = () => ({ type: 'message.send', target: 'screens', text: `bench ${++texts} ${Date.now()}` });

async function timedSend(moderator: Socket): Promise<{ sentAt: number; ackedAt: number; version: number }> {
  const sentAt = performance.now();
  const result = (await moderator.timeout(10_000).emitWithAck('command', message())) as CommandResult;
  const ackedAt = performance.now();
  if (!result.ok) throw new Error(`the moderator's command was refused: ${result.error.message}`);
  return { sentAt, ackedAt, version: result.version };
}

async function waitArrivals(screens: readonly Screen[], version: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!screens.every((s) => s.arrivals.has(version))) {
    if (Date.now() > deadline) throw new Error(`not every screen got version ${version} within ${timeoutMs} ms`);
    await sleep(5);
  }
}

export interface LatencyFigures {
  /** Moderator's acknowledgement times, ms. */
  acks: number[];
  /** Acknowledgement → patch on a screen of another node (on one node: of the same node), ms. */
  ackToPatch: number[];
}

/**
 * `commands` messages from a moderator on `urls[0]`, `gapMs` apart, with `screens` screens spread
 * over `urls`; screens on `urls[0]` count for ack → patch only when there is no other node.
 */
export async function latencies(
  urls: readonly string[],
  key: string,
  screens: number,
  commands: number,
  gapMs = 60,
): Promise<LatencyFigures> {
  const watching = await connectScreens(urls, screens);
  const moderator = await connectModerator(urls[0]!, key);
  const elsewhere = urls.length > 1 ? watching.filter((s) => s.node !== 0) : watching;
  const acks: number[] = [];
  const ackToPatch: number[] = [];
  try {
    for (let i = 0; i < commands; i++) {
      const { sentAt, ackedAt, version } = await timedSend(moderator);
      acks.push(ackedAt - sentAt);
      await waitArrivals(elsewhere, version);
      for (const s of elsewhere) ackToPatch.push(s.arrivals.get(version)! - ackedAt);
      await sleep(gapMs);
    }
  } finally {
    for (const s of [...watching.map((w) => w.socket), moderator]) s.disconnect();
  }
  return { acks, ackToPatch };
}

/** Send → the last of `screens` screens (spread evenly over `urls`) has the patch, ms, per round. */
export async function fanOut(urls: readonly string[], key: string, screens: number, rounds: number): Promise<number[]> {
  const watching = await connectScreens(urls, screens);
  const moderator = await connectModerator(urls[0]!, key);
  const lasts: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const { sentAt, version } = await timedSend(moderator);
      await waitArrivals(watching, version);
      lasts.push(Math.max(...watching.map((s) => s.arrivals.get(version)!)) - sentAt);
      await sleep(300);
    }
  } finally {
    for (const s of [...watching.map((w) => w.socket), moderator]) s.disconnect();
  }
  return lasts;
}
