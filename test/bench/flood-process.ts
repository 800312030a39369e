// A flood in a process of its own, run by `npm run bench` at the lowest CPU priority: on this one
// machine the attacker must not take from the server the CPU that, on the day, would be another
// machine's. `tsx flood-process.ts link <url> <token>` or `… sync-and-pages <url>`; it prints `ready`
// once flooding, and its stats as JSON when its stdin closes.
import { connected, floodLink, floodSync, openSocket, reloadPages } from './load';

const [kind, url, token] = process.argv.slice(2) as [string, string, string | undefined];

async function start(): Promise<() => Promise<Record<string, number>>> {
  if (kind === 'link') {
    const flood = floodLink(url, token!, 20);
    return async () => (await flood.stop(), flood.stats);
  }
  if (kind === 'sync-and-pages') {
    const sockets = Array.from({ length: 10 }, () => openSocket(url));
    await Promise.all(sockets.map(connected));
    const syncs = floodSync(sockets);
    const pages = reloadPages(url, '/screen', 10);
    return async () => {
      await Promise.all([syncs.stop(), pages.stop()]);
      for (const s of sockets) s.disconnect();
      return {
        snapshots: syncs.stats.snapshots,
        syncsRefused: syncs.stats.refused,
        bytes: syncs.stats.bytes,
        pages: pages.stats.ok,
        pagesRefused: pages.stats.refused,
      };
    };
  }
  throw new Error(`unknown flood "${kind}"`);
}

const stop = await start();
process.stdout.write('ready\n');
process.stdin.resume();
process.stdin.on('end', () => {
  void stop().then((stats) => {
    process.stdout.write(`${JSON.stringify(stats)}\n`);
    process.exit(0);
  });
});
