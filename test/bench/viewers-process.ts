// N viewers in a process of their own, for the fan-out figures of `npm run bench -- fanout`, so that
// the clients' work is not the server's: `tsx viewers-process.ts <rollcall|socketio|ws> <url> <n>`.
// Each client counts the messages it receives after its first one (the snapshot). It prints
// `{"connectMs":…}` once all are connected; to `await <k>` on stdin it answers
// `{"k":…,"lastAt":…,"halfAt":…}` when every client has received k messages (`halfAt`: when half of
// them had; ms since the epoch, comparable across processes on one machine). Stdin closing ends it.
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { RECONNECT } from '../../components/live/reconnect';
import { address } from './load';

const [kind, url, count, mode] = process.argv.slice(2) as [string, string, string, string | undefined];
/**
 * `reconnect`: a client whose connection drops comes back as Rollcall's pages do (components/live/reconnect.ts);
 * `reconnect-before`: with the backoff the pages had before it was tuned (1 s ±90 %, doubling to 5 s), the restart's baseline.
 */
const reconnecting = mode === 'reconnect' || mode === 'reconnect-before';
const backoff = mode === 'reconnect' ? RECONNECT : { reconnectionDelay: 1000, randomizationFactor: 0.9, reconnectionDelayMax: 5000 };
/** The delay before reconnect attempt `attempt` (0, 1, …), exactly as socket.io-client's backoff (contrib/backo2.js) picks it. */
function reconnectDelay(attempt: number): number {
  let ms = backoff.reconnectionDelay * 2 ** attempt;
  const rand = Math.random();
  const deviation = Math.floor(rand * backoff.randomizationFactor * ms);
  ms = (Math.floor(rand * 10) & 1) === 0 ? ms - deviation : ms + deviation;
  return Math.min(ms, backoff.reconnectionDelayMax) | 0;
}
const n = Number(count);
const now = () => performance.timeOrigin + performance.now();
const out = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);

/** How many clients have received at least k messages, per k: one counter per client, one tally per count. */
const received = new Array<number>(n).fill(-1);
const reached: number[] = [];
/** When the last client received its k-th message, and when half of them had. */
const completeAt: number[] = [];
const halfAt: number[] = [];
let waiting: number | null = null;
const answer = (k: number) => out({ k, lastAt: completeAt[k], halfAt: halfAt[k] });
const onMessage = (i: number) => {
  const k = ++received[i]!;
  if (k <= 0) return;
  reached[k] = (reached[k] ?? 0) + 1;
  if (reached[k] === Math.ceil(n / 2)) halfAt[k] = now();
  if (reached[k] !== n) return;
  completeAt[k] = now();
  if (waiting === k) {
    waiting = null;
    answer(k);
  }
};

/**
 * Every kind uses the same client, a bare `ws` socket, so the figures compare servers, not clients:
 * socket.io servers are spoken to in their own protocol (engine.io v4: open `0…`, connect `40`,
 * pong `3` to a ping `2`, events `42[…]`); the raw `ws` baseline sends its events framed the same.
 */
function open(i: number, attempt = 0): Promise<void> {
  let opened = false;
  const localAddress = address(Math.floor(i / 10));
  const path = kind === 'ws' ? '/' : '/socket.io/?EIO=4&transport=websocket';
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}${path}`, { localAddress, perMessageDeflate: false });
    socket.on('message', (data: Buffer) => {
      const text = data.toString();
      opened = true;
      if (text.startsWith('42')) {
        if (received[i] === -1) resolve();
        return onMessage(i);
      }
      if (text === '2') socket.send('3');
      else if (text.startsWith('0')) socket.send('40');
    });
    socket.once('error', (error) => (reconnecting && received[i]! >= 0 ? undefined : reject(error)));
    if (!reconnecting) return;
    socket.once('close', () => {
      if (received[i]! < 0) return;
      // A connection that had opened starts the count again, as socket.io resets its backoff on reconnecting.
      const next = opened ? 0 : attempt;
      setTimeout(() => void open(i, next + 1).catch(() => undefined), reconnectDelay(next));
    });
  });
}

const started = now();
const BATCH = 200;
for (let i = 0; i < n; i += BATCH) {
  await Promise.all(Array.from({ length: Math.min(BATCH, n - i) }, (_, j) => open(i + j)));
}
out({ connectMs: now() - started });

createInterface({ input: process.stdin }).on('line', (line) => {
  const [word, arg] = line.split(' ');
  if (word === 'await') {
    const k = Number(arg);
    if (completeAt[k] !== undefined) answer(k);
    else waiting = k;
  }
});
process.stdin.on('end', () => process.exit(0));
