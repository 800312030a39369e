// The ways into the app that need no live session: the home page (which also proves the harness:
// the real server serves the production build to Chromium), the locale switch, and bad links.
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import type { Page } from 'playwright-core';
import { useE2E } from './support/fixture';

describe('entry points', () => {
  const e2e = useE2E();
  const lang = (page: Page) => page.locator('html').getAttribute('lang');

  it('the home page is served in Russian first', async () => {
    const { page } = await e2e.open('moderator', '/');
    await page.getByRole('heading', { level: 1, name: 'Перекличка городов' }).waitFor({ timeout: 15_000 });
    expect(await lang(page)).toBe('ru');
    await screenshot(page, 'home');
  });

  it('the locale switcher turns the page English and back', async () => {
    const { page } = await e2e.open('moderator', '/');
    await page.getByRole('heading', { level: 1, name: 'Перекличка городов' }).waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Roll call of cities' }).waitFor({ timeout: 15_000 });
    expect(await lang(page)).toBe('en');
    await page.getByRole('link', { name: 'Русский' }).click();
    await page.getByRole('heading', { level: 1, name: 'Перекличка городов' }).waitFor({ timeout: 15_000 });
    expect(await lang(page)).toBe('ru');
  });

  it('a bad participant link shows join-invalid', async () => {
    const { page } = await e2e.open('attendee', '/join/nope.bad');
    await page.getByTestId('join-invalid').waitFor({ timeout: 15_000 });
    await screenshot(page, 'join-invalid');
  });

  it('a wrong moderator key shows access-denied', async () => {
    const { page } = await e2e.open('moderator', '/moderator#key=wrong');
    await page.getByTestId('access-denied').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('btn-next').count(), 'no controls without the key').toBe(0);
    await screenshot(page, 'access-denied');
  });
});
