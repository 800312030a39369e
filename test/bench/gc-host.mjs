// Runs a server module for `npm run bench` with two hooks the server does not know of: SIGUSR2
// collects garbage (node --expose-gc), so the bench can read resident memory after GC from /proc; and
// when the bench opens a pipe as fd 3, the server's own time to each acknowledgement (the
// `rollcall:ack` diagnostics channel, server/ack-timing.ts) is written there as JSON lines.
// `node --expose-gc [--import tsx] test/bench/gc-host.mjs <module>`
import { subscribe } from 'node:diagnostics_channel';
import { fstatSync } from 'node:fs';
import { Socket } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

process.on('SIGUSR2', () => globalThis.gc?.());

const hasFd3 = (() => {
  try {
    return fstatSync(3).isFIFO() || fstatSync(3).isSocket();
  } catch {
    return false;
  }
})();
if (hasFd3) {
  const out = new Socket({ fd: 3, readable: false, writable: true });
  out.unref();
  out.on('error', () => {}); // the bench went away: nobody reads the timings any more
  let lines = '';
  // One write per turn of the event loop, after the acknowledgements of that turn have gone out.
  subscribe('rollcall:ack', (timing) => {
    if (!lines) setImmediate(() => (out.write(lines), (lines = '')));
    lines += `${JSON.stringify(timing)}\n`;
  });
}

await import(pathToFileURL(resolve(process.argv[2])).href);
