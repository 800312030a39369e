// Every live page on a network that blocks WebSockets (municipal offices behind proxies): each browser
// context refuses every WebSocket, so the pages must connect, follow and act over HTTP long-polling.
// The moderator runs a turn, the screen follows it, and a city signals from its phone.
import type { Request } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { getEntries, getLinks, sendCommand, type ApiEntry } from './support/api';
import { screenshot, type RolePage } from './support/browser';
import { useE2E } from './support/fixture';

const READY_MS = 20_000;

describe('every live page with WebSockets blocked', () => {
  const e2e = useE2E();
  let first: ApiEntry;
  let moderator: RolePage;
  let screen: RolePage;
  let city: RolePage;
  /** socket.io's HTTP requests per page: only long-polling can get through. */
  const polls = new Map<RolePage, string[]>();
  const watch = (role: RolePage) => {
    const seen: string[] = [];
    polls.set(role, seen);
    role.page.on('request', (req: Request) => void (req.url().includes('/socket.io/') && seen.push(req.url())));
  };

  // Every test: a fresh server, and the three pages open and live over long-polling.
  beforeEach(async () => {
    const [entries, links] = await Promise.all([getEntries(e2e.server), getLinks(e2e.server)]);
    first = entries[0]!;
    const join = new URL(links.find((l) => l.entryId === first.id)!.url).pathname;
    const blocked = { blockWebSockets: true };
    [moderator, screen, city] = await Promise.all([
      e2e.open('moderator', `/moderator#key=${encodeURIComponent(e2e.server.key)}`, blocked),
      e2e.open('screen', '/screen', blocked),
      e2e.open('attendee', join, blocked),
    ]);
    // Watched from the first poll after load on: the connection may still be finding its way.
    for (const role of [moderator, screen, city]) watch(role);
    await Promise.all([
      moderator.page.getByTestId('btn-start').waitFor({ timeout: READY_MS }),
      screen.page.getByTestId('screen-queue').or(screen.page.getByTestId('screen-counts')).first().waitFor({ timeout: READY_MS }),
      city.page.getByTestId('join-status').waitFor({ timeout: READY_MS }),
    ]);
  });

  it('each page is live, over long-polling', async () => {
    await moderator.page
      .locator(`[data-testid="queue-row"][data-entry-id="${first.id}"][data-presence="online"]`)
      .waitFor({ timeout: READY_MS });
    for (const role of [moderator, screen, city]) {
      expect(await role.page.getByTestId('connection-banner').count(), role.role).toBe(0);
      await expect
        .poll(() => polls.get(role)!.some((url) => url.includes('transport=polling') && url.includes('sid=')), { timeout: 10_000 })
        .toBe(true);
    }
  });

  it('the moderator starts and gives the floor; the screen and the city follow', async () => {
    await moderator.page.getByTestId('btn-start').click();
    await expect.poll(() => moderator.page.getByTestId('btn-next').isEnabled(), { timeout: 10_000 }).toBe(true);
    await moderator.page.getByTestId('btn-next').click();
    await screen.page.getByTestId('screen-speaker').filter({ hasText: first.name }).waitFor({ timeout: 10_000 });
    await city.page.locator('[data-testid="join-status"][data-status="speaking"]').waitFor({ timeout: 10_000 });
    await screenshot(screen.page, 'screen-long-polling');
  });

  it('a city signals from its page during its turn; the moderator sees it', async () => {
    // Signals are offered once the day has come: the session running, this city speaking.
    await sendCommand(e2e.server, { type: 'session.start' });
    await sendCommand(e2e.server, { type: 'speaker.next' });
    await city.page.locator('[data-testid="join-status"][data-status="speaking"]').waitFor({ timeout: READY_MS });
    await city.page.getByTestId('signal-technical_problem').click();
    await city.page.locator('[data-testid="signal-active"][data-kind="technical_problem"]').waitFor({ timeout: 10_000 });
    await moderator.page.getByTestId('signal-item').first().waitFor({ timeout: 10_000 });
    await screenshot(moderator.page, 'moderator-long-polling');
  });
});
