// kill -9 of the real server process between a command's commit and its webhook delivery (the
// receiver is down, so the delivery is still pending), then a restart on the same data dir once the
// receiver is up: the delivery arrives exactly once, and later ones follow it.
import { describe, expect, it } from 'vitest';
import type { WebhookView } from '../server/webhooks';
import { KEY, bearer, request, sleep, waitFor } from './support/real-server';
import { accepted, freePort, kill9, useServerProcesses } from './support/server-process';
import { startReceiver } from './support/webhook-receiver';

const { newDataDir, startServer } = useServerProcesses();

describe('a webhook across kill -9', () => {
  it('a delivery pending at the kill is delivered exactly once after the restart', async () => {
    const dataDir = newDataDir();
    const [port, receiverPort] = [await freePort(), await freePort()];
    let server = await startServer(dataDir, port);
    const hookUrl = `http://127.0.0.1:${receiverPort}/hook`;
    const created = await request(server.url, 'POST', '/api/webhooks', {
      auth: bearer(KEY),
      body: { url: hookUrl, events: ['turn.started'] },
    });
    expect(created.status, created.text).toBe(201);
    const webhookId = (created.body as { webhook: WebhookView }).webhook.id;

    await accepted(server.url, { type: 'session.start' });
    const version = await accepted(server.url, { type: 'speaker.next' });
    // Committed, tried, not delivered: the receiver is not listening yet.
    for (const deadline = Date.now() + 10_000; ;) {
      const list = (await request(server.url, 'GET', '/api/webhooks', { auth: bearer(KEY) })).body as WebhookView[];
      const attempt = list.find((w) => w.id === webhookId)?.recent[0];
      if (attempt && attempt.attempts >= 1) {
        expect(attempt).toMatchObject({ status: 'pending', id: `main:${version}:turn.started` });
        break;
      }
      if (Date.now() > deadline) throw new Error('no attempt was made');
      await sleep(50);
    }
    await kill9(server);

    const receiver = await startReceiver(receiverPort);
    try {
      server = await startServer(dataDir, port);
      await waitFor('the pending delivery', () => receiver.received.length >= 1, 15_000);
      // A later turn is delivered after it: had the first come twice, it would be here by then.
      const later = await accepted(server.url, { type: 'speaker.next' });
      await waitFor('the later delivery', () => receiver.received.some((r) => r.payload.version === later), 15_000);
      expect(receiver.received.map((r) => r.payload.id)).toEqual([`main:${version}:turn.started`, `main:${later}:turn.started`]);
    } finally {
      await receiver.close();
    }
  });
});
