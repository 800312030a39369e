// `npm run check -- --data-dir ./data`: a readable report on a data dir, exit 0 when it is sound and
// 1 when anything is damaged (server/data-check.ts says what is checked). The server need not run.
import { resolve } from 'node:path';
import { checkDataDir } from './data-check';

const args = process.argv.slice(2);
const flag = args.indexOf('--data-dir');
if (args.includes('--help') || (flag >= 0 && !args[flag + 1])) {
  process.stdout.write('usage: npm run check -- --data-dir <dir>   (default: $ROLLCALL_DATA_DIR or ./data)\n');
  process.exit(args.includes('--help') ? 0 : 2);
}
const dir = resolve(flag >= 0 ? args[flag + 1]! : (process.env.ROLLCALL_DATA_DIR ?? './data'));

const report = checkDataDir(dir);
const mark = { ok: '✓', warning: '!', error: '✗' } as const;
process.stdout.write(`Checking ${dir}\n`);
for (const line of report.lines) process.stdout.write(`  ${mark[line.level]} ${line.text}\n`);
process.stdout.write(report.ok ? 'The data dir is sound.\n' : 'The data dir is damaged: see the lines marked ✗ above.\n');
process.exit(report.ok ? 0 : 1);
