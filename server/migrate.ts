// `npm run migrate -- --from data/rollcall.db`: copies an embedded data dir into the (empty) Postgres
// database at ROLLCALL_DATABASE_URL and verifies it by replay (server/cluster/migrate.ts).
import { resolve } from 'node:path';
import { StartupError } from './data-dir';
import { migrateDataDir } from './cluster/migrate';
import { shownUrl } from './cluster/cluster-node';

const args = process.argv.slice(2);
const flag = args.indexOf('--from');
const databaseUrl = process.env.ROLLCALL_DATABASE_URL?.trim();
if (args.includes('--help') || flag < 0 || !args[flag + 1] || !databaseUrl) {
  process.stdout.write(
    'usage: ROLLCALL_DATABASE_URL=postgres://… npm run migrate -- --from <data dir>/rollcall.db\n' +
      '  copies the embedded database (and checks its links.key) into an empty Postgres database, then verifies it by replay\n',
  );
  process.exit(args.includes('--help') ? 0 : 2);
}
const from = resolve(args[flag + 1]!);

try {
  const report = await migrateDataDir(from, databaseUrl, process.env.ROLLCALL_LINKS_KEY);
  process.stdout.write(`Migrated ${from} into ${shownUrl(databaseUrl)}, verified by replay:\n`);
  for (const event of report.events)
    process.stdout.write(`  ✓ event "${event.id}": ${event.records} journal records, version ${event.version}\n`);
  process.stdout.write(`  ✓ ${report.links} join links\n`);
  process.stdout.write(
    `Start every node with ROLLCALL_LINKS_KEY set to the content of links.key beside the database (the cities' links keep working).\n`,
  );
} catch (error) {
  const message = error instanceof StartupError ? error.message : `${(error as Error).message}`;
  process.stderr.write(`\n  Migration failed; nothing was copied.\n\n  ${message.replace(/\n/g, '\n  ')}\n\n`);
  process.exit(1);
}
