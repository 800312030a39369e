// The pages are files exported at build time, served by the live server without a page renderer: the
// language cookie picks the export, every join link and every event's report is the one page built
// with a placeholder, assets are cached for good, pages are revalidated, and compressed copies are
// sent to browsers that take them. A folder laid out as server/build-pages.ts lays it out stands in
// for the build (the end-to-end tests run the real one in Chromium).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { StartupError } from '../server/data-dir';
import { createStaticPages, PAGES_STAMP } from '../server/static-pages';
import { useRealServer } from './support/real-server';

const dir = mkdtempSync(join(tmpdir(), 'rollcall-static-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, body: string | Buffer) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), body);
}
const BIG_SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;
for (const locale of ['ru', 'en']) {
  for (const page of ['index', 'screen', 'moderator/setup', 'join/_', 'report/_', 'report/_/practices', '404'])
    write(`${locale}/${page}.html`, `<html lang="${locale}">${page}</html>`);
  write(`${locale}/join/_.txt`, `payload ${locale} join`);
  write(`${locale}/join/_/__next._tree.txt`, `tree ${locale} join`);
  write(`${locale}/_next/static/chunks/app.js`, BIG_SCRIPT);
  write(`${locale}/_next/static/chunks/app.js.gz`, gzipSync(BIG_SCRIPT));
}
write(PAGES_STAMP, 'build\n');

describe('the pages served as files', () => {
  const s = useRealServer({ tempPrefix: 'rollcall-static-server-', pages: createStaticPages(dir) });
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${s.url}${path}`, { headers, method });

  it('answers each page in the language of the cookie, Russian by default, with the security headers', async () => {
    const ru = await get('/screen');
    expect(ru.status).toBe(200);
    expect(ru.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await ru.text()).toBe('<html lang="ru">screen</html>');
    expect(ru.headers.get('x-frame-options')).toBe('DENY');
    expect(ru.headers.get('referrer-policy')).toBe('no-referrer');
    expect(ru.headers.get('vary')).toMatch(/cookie/);
    expect(await (await get('/screen', { cookie: 'theme=x; NEXT_LOCALE=en' })).text()).toBe('<html lang="en">screen</html>');
    expect(await (await get('/screen', { cookie: 'NEXT_LOCALE=de' })).text()).toBe('<html lang="ru">screen</html>');
    expect(await (await get('/')).text()).toBe('<html lang="ru">index</html>');
    expect(await (await get('/moderator/setup?tab=links')).text()).toBe('<html lang="ru">moderator/setup</html>');
    expect(await (await get('/screen/')).text()).toBe('<html lang="ru">screen</html>');
  });

  it('serves every join link and every report from the one page built for them', async () => {
    for (const token of ['omsk.Zm9vYmFy', 'tomsk.a-b_c', '%D0%BE%D0%BC%D1%81%D0%BA'])
      expect(await (await get(`/join/${token}`)).text(), token).toBe('<html lang="ru">join/_</html>');
    expect(await (await get('/report/current')).text()).toBe('<html lang="ru">report/_</html>');
    expect(await (await get('/report/2026-spring/practices', { cookie: 'NEXT_LOCALE=en' })).text()).toBe(
      '<html lang="en">report/_/practices</html>',
    );
    // Next's client fetches the page's payload beside it (language switch, navigation).
    const payload = await get('/join/omsk.Zm9vYmFy.txt?_rsc=1x2y', { cookie: 'NEXT_LOCALE=en' });
    expect(payload.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await payload.text()).toBe('payload en join');
    expect(await (await get('/join/omsk.Zm9vYmFy/__next._tree.txt')).text()).toBe('tree ru join');
  });

  it('answers an unknown path, and a path out of the folder, with the 404 page', async () => {
    for (const path of [
      '/nowhere',
      '/join',
      '/join/a/b',
      '/../BUILD_ID',
      '/%2e%2e/BUILD_ID',
      '/_next/static/../../BUILD_ID',
      '/BUILD_ID',
    ]) {
      const reply = await get(path);
      expect(reply.status, path).toBe(404);
      expect(await reply.text(), path).toBe('<html lang="ru">404</html>');
    }
    const wrong = await get('/screen', {}, 'POST');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD');
  });

  it('keeps assets for good, revalidates pages, and sends the compressed copy to whoever takes it', async () => {
    const asset = await get('/_next/static/chunks/app.js', { 'accept-encoding': 'gzip, deflate' });
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(Number(asset.headers.get('content-length'))).toBeLessThan(BIG_SCRIPT.length / 10);
    expect(await asset.text()).toBe(BIG_SCRIPT); // fetch decompresses
    const plain = await get('/_next/static/chunks/app.js', { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Number(plain.headers.get('content-length'))).toBe(BIG_SCRIPT.length);

    const page = await get('/screen');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const etag = page.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await get('/screen', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const head = await get('/screen', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('<html lang="ru">screen</html>'.length));
  });
});

describe('without a complete build', () => {
  it('refuses to start, naming the folder and the fix', () => {
    const empty = mkdtempSync(join(tmpdir(), 'rollcall-static-empty-'));
    try {
      expect(() => createStaticPages(empty)).toThrow(StartupError);
      expect(() => createStaticPages(empty)).toThrow(new RegExp(`${empty}[\\s\\S]*npm run build`));
      mkdirSync(join(empty, 'ru'));
      writeFileSync(join(empty, 'ru', 'index.html'), 'x'); // one language only, no stamp
      expect(() => createStaticPages(empty)).toThrow(/not built/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
