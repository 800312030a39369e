// GET /api/locale, the language switch that works without JavaScript: it sets the cookie and sends the
// browser back to the page it came from, and only ever to a page of this site. `next=` is what an
// attacker controls, so every way a path can turn into another site in a browser is tried here.
import { describe, expect, it } from 'vitest';
import { sameSitePath } from '../server/http-api';
import { useRealServer } from './support/real-server';

describe('GET /api/locale', () => {
  const s = useRealServer({ tempPrefix: 'rollcall-locale-' });
  const go = (query: string) => fetch(`${s.url}/api/locale?${query}`, { redirect: 'manual' });

  it('sets the language cookie and goes back to the page', async () => {
    const reply = await go('lang=en&next=%2Fjoin%2Fabc.def');
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe('/join/abc.def');
    expect(reply.headers.get('set-cookie')).toMatch(/^NEXT_LOCALE=en; Path=\/;/);
  });

  it('keeps the query and fragment of a page on this site', async () => {
    const reply = await go(`lang=ru&next=${encodeURIComponent('/report/current?locale=en#totals')}`);
    expect(reply.headers.get('location')).toBe('/report/current?locale=en#totals');
  });

  it('never sends anyone to another site, and never fails', async () => {
    const hostile = [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      '/\t/evil.example/phish', // browsers drop the tab: //evil.example/phish
      '/\n/evil.example',
      '/\r\n/evil.example',
      '/ /evil.example',
      '/%2F/evil.example',
      '/..//evil.example',
      '/./\\/evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      '/\u0000',
      '/\u202e/moc.elpmaxe',
      '/город',
      '',
    ];
    for (const next of hostile) {
      const reply = await go(`lang=ru&next=${encodeURIComponent(next)}`);
      expect(reply.status, JSON.stringify(next)).toBe(303);
      const location = reply.headers.get('location')!;
      expect(new URL(location, s.url).origin, `${JSON.stringify(next)} → ${location}`).toBe(s.url);
      expect(location, JSON.stringify(next)).not.toMatch(/^\/\/|\\|[\s\x00-\x1f]/);
    }
    // Raw bytes in the query, as a hand-made request sends them.
    for (const raw of ['/%09/evil.example/phish', '/%0a', '/%0d%0aSet-Cookie:%20x=1', '/%00']) {
      const reply = await go(`lang=ru&next=${raw}`);
      expect(reply.status, raw).toBe(303);
      expect(reply.headers.get('location'), raw).toBe('/');
      expect(reply.headers.get('set-cookie'), raw).toMatch(/^NEXT_LOCALE=ru;/);
    }
  });

  it('refuses an unknown language, naming it', async () => {
    const reply = await go('lang=de');
    expect(reply.status).toBe(400);
    expect((await reply.json()).error.message).toMatch(/^lang:/);
  });
});

describe('sameSitePath', () => {
  it('passes plain paths through as the URL parser writes them', () => {
    expect(sameSitePath('/moderator/setup')).toBe('/moderator/setup');
    expect(sameSitePath('/a/../screen')).toBe('/screen');
    expect(sameSitePath('/join/omsk.AbC_-9?x=1')).toBe('/join/omsk.AbC_-9?x=1');
    expect(sameSitePath(null)).toBe('/');
  });
});
