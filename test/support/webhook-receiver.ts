// A real HTTP receiver for webhook tests: records every request's headers and raw body, answers with
// the status the test sets (or never, to stand for a receiver that hangs), on a port of its own.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookPayload } from '../../lib/feed-schemas';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  payload: WebhookPayload;
}

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** The status to answer with; null holds every request open without answering. */
  status: number | null;
  close(): Promise<void>;
}

export async function startReceiver(port = 0, path = '/hook'): Promise<Receiver> {
  const held: ServerResponse[] = [];
  const receiver = { received: [] as Received[], status: 200 } as Receiver;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      receiver.received.push({ headers: req.headers, body, payload: JSON.parse(body) as WebhookPayload });
      if (receiver.status === null) held.push(res);
      else res.writeHead(receiver.status).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}${path}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      for (const res of held.splice(0)) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
