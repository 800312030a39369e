// Runs once in the main vitest process before any end-to-end file: checks for the browser (a missing
// browser fails the run, it is never skipped) and builds the app once for every file.
import { ensureBuild } from './support/build';
import { assertChromium } from './support/env';

export default async function setup(): Promise<void> {
  assertChromium();
  await ensureBuild();
}
