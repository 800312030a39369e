// Runs a server module for `npm run bench` with one hook: SIGUSR2 collects garbage (node --expose-gc),
// so the bench can read the server's resident memory after GC from /proc without the server knowing.
// `node --expose-gc [--import tsx] test/bench/gc-host.mjs <module>`
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

process.on('SIGUSR2', () => globalThis.gc?.());
await import(pathToFileURL(resolve(process.argv[2])).href);
