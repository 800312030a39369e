// The acknowledgement baseline of `npm run bench -- ack`, in a process of its own like the real
// server and compiled the same way: a plain socket.io server that answers every `command` at once
// (and sends a new client an empty `snapshot`, so the bench's clients connect as they do to
// Rollcall), and a bare Node HTTP server that reads a POST's JSON body and answers JSON. No journal,
// no state: the round trip of the same client on the same machine, nothing else. Prints `{"port":…}`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { serveClient: false });
let version = 0;
io.on('connection', (socket) => {
  socket.emit('snapshot', {});
  socket.on('command', (_payload: unknown, ack: (result: unknown) => void) => ack({ ok: true, version: ++version }));
});
http.on('request', (req, res) => {
  if ((req.url ?? '').startsWith('/socket.io/')) return;
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    JSON.parse(body || '{}');
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ version: ++version }));
  });
});
http.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: (http.address() as AddressInfo).port })}\n`));
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
