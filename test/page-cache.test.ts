// The live pages' HTML is rendered once per page and language and then served from memory, so a
// reload storm costs no renders; what varies otherwise (a query, Next's client navigation, an error,
// a cookie being set) still goes to the page handler every time.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import { useRealServer } from './support/real-server';

describe('the page cache', () => {
  const renders: string[] = [];
  const pages = {
    cacheable: true,
    async handle(req: IncomingMessage, res: ServerResponse) {
      const locale = /NEXT_LOCALE=(\w+)/.exec(req.headers.cookie ?? '')?.[1] ?? 'ru';
      renders.push(`${req.url} ${locale}`);
      if (req.url === '/moderator/setup')
        return void res.writeHead(200, { 'set-cookie': 'x=1', 'content-type': 'text/html' }).end('with a cookie');
      if (!/^\/(screen|join\/)/.test(req.url ?? '')) return void res.writeHead(404, { 'content-type': 'text/html' }).end('not found');
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-frame-options': 'DENY' })
        .end(`<html lang="${locale}">${req.url} #${renders.length}</html>`);
    },
  };
  // A fresh server (and so an empty cache) for every test.
  const s = useRealServer({ tempPrefix: 'rollcall-pages-', pages, fresh: 'each' });
  beforeEach(() => {
    renders.length = 0;
  });
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${s.url}${path}`, { headers });

  it('renders /screen once per language, then answers from memory with the same headers', async () => {
    const bodies = [];
    for (let i = 0; i < 5; i++) {
      const reply = await get('/screen');
      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-frame-options')).toBe('DENY');
      bodies.push(await reply.text());
    }
    expect(new Set(bodies)).toEqual(new Set(['<html lang="ru">/screen #1</html>']));
    expect(await (await get('/screen', { cookie: 'NEXT_LOCALE=en' })).text()).toMatch(/^<html lang="en">/);
    expect(await (await get('/screen', { cookie: 'NEXT_LOCALE=en' })).text()).toMatch(/^<html lang="en">/);
    expect(renders.filter((r) => r.startsWith('/screen '))).toEqual(['/screen ru', '/screen en']);
  });

  it('keeps one page per join link', async () => {
    for (const token of ['omsk.a', 'omsk.a', 'tomsk.b']) expect((await get(`/join/${token}`)).status).toBe(200);
    expect(renders.filter((r) => r.startsWith('/join/'))).toEqual(['/join/omsk.a ru', '/join/tomsk.b ru']);
  });

  it('goes to the page handler every time for a query, client navigation, an error or a cookie', async () => {
    const before = renders.length;
    await get('/screen?fullscreen=1');
    await get('/screen?fullscreen=1');
    await get('/screen', { rsc: '1' });
    await get('/screen', { rsc: '1' });
    expect((await get('/nowhere')).status).toBe(404);
    expect((await get('/moderator/setup')).status).toBe(200);
    expect((await get('/moderator/setup')).status).toBe(200);
    expect(renders.slice(before)).toEqual([
      '/screen?fullscreen=1 ru',
      '/screen?fullscreen=1 ru',
      '/screen ru',
      '/screen ru',
      '/nowhere ru',
      '/moderator/setup ru',
      '/moderator/setup ru',
    ]);
  });
});
