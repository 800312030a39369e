// Both socket.io transports against a real server that also serves pages: long-polling (for networks
// that block WebSockets) and WebSocket. Engine.io answers /socket.io/ itself; the page handler must
// never see those requests (it used to, and Next.js answered the polling POST with a 308).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { KEY, connected, useRealServer, waitFor } from './support/real-server';
import { command, expectConverged } from './support/socket-room';

describe('socket.io transports', () => {
  const pageRequests: string[] = [];
  // Stands in for Next.js: answers every request it gets, and a path with a trailing slash with a
  // 308 to the path without it, as Next does.
  const pages = {
    async handle(req: IncomingMessage, res: ServerResponse) {
      const url = req.url ?? '/';
      pageRequests.push(`${req.method} ${url}`);
      if (res.headersSent) return;
      const path = url.split('?')[0]!;
      if (path.length > 1 && path.endsWith('/')) res.writeHead(308, { location: url.replace(/\/(\?|$)/, '$1') }).end();
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>page</title>');
    },
  };
  const s = useRealServer({ pages, tempPrefix: 'rollcall-transports-' });

  it('long-polling only: a moderator and a screen connect, command and follow patches', async () => {
    const moderator = s.connect('polling moderator', { auth: { key: KEY }, transports: ['polling'] });
    const screen = s.connect('polling screen', { transports: ['polling'] });
    await Promise.all([connected(moderator), connected(screen)]);
    expect(moderator.socket.io.engine.transport.name).toBe('polling');

    const result = await command(moderator, { type: 'message.send', target: 'screens', text: 'Через прокси' });
    expect(result).toMatchObject({ ok: true });
    await waitFor('the screen to show the message', () => screen.view?.messages.some((m) => m.text === 'Через прокси'));
    await expectConverged(s.server, [moderator, screen]);
    expect(pageRequests.filter((r) => r.includes('/socket.io'))).toEqual([]);
    moderator.socket.disconnect();
    screen.socket.disconnect();
  });

  it('socket.io-client defaults (polling first, then the upgrade to WebSocket) work too', async () => {
    const client = s.connect('defaults', { auth: { key: KEY }, transports: ['polling', 'websocket'] });
    await connected(client);
    await waitFor('the upgrade to websocket', () => client.socket.io.engine.transport.name === 'websocket');
    expect(await command(client, { type: 'message.clear' })).toMatchObject({ ok: true });
    expect(pageRequests.filter((r) => r.includes('/socket.io'))).toEqual([]);
    client.socket.disconnect();
  });

  it('pages are still served by the page handler', async () => {
    const reply = await fetch(`${s.url}/screen`);
    expect(reply.status).toBe(200);
    expect(await reply.text()).toContain('<title>page</title>');
    expect(pageRequests).toContain('GET /screen');
  });
});
