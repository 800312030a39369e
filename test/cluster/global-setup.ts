// Runs once before the cluster's tests: everything they need must be installed (a missing piece fails
// the run, it is never skipped), and the nodes serve pages from the one build the end-to-end tests use.
import { execFileSync } from 'node:child_process';
import { ensureBuild } from '../e2e/support/build';
import { postgresBin } from '../support/postgres';
import { assertHaproxy } from './support/haproxy';

export default async function setup(): Promise<void> {
  postgresBin();
  assertHaproxy();
  try {
    execFileSync('faketime', ['-f', '+0s', 'true']);
  } catch {
    throw new Error('The cluster tests need libfaketime (the `faketime` command): apt-get install -y faketime (.ci/run does this).');
  }
  await ensureBuild();
}
