// The fan-out baselines of `npm run bench -- fanout`, in a process of their own like the real server:
// `tsx baseline-server.ts <ws|socketio> <snapshot.json>` listens on a free loopback port (printed as
// `{"port":…}`), sends every new client the same snapshot bytes Rollcall sends a screen, and on
// `send <patch.json>` (stdin) sends every client those patch bytes: raw `ws` sends the very frame
// socket.io would (`42["patch",…]`), plain socket.io emits the object to everyone. `rss` answers its
// resident memory after GC (run with --expose-gc).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { Server } from 'socket.io';
import { WebSocketServer, type WebSocket } from 'ws';
import { residentMb } from './memory';

const [kind, snapshotFile] = process.argv.slice(2) as ['ws' | 'socketio', string];
const snapshot: unknown = JSON.parse(readFileSync(snapshotFile, 'utf8'));
const http = createServer();
const out = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);

let broadcast: (payload: unknown) => void;
if (kind === 'ws') {
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  const clients = new Set<WebSocket>();
  const frame = `42${JSON.stringify(['snapshot', snapshot])}`;
  wss.on('connection', (socket) => {
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    socket.send(frame);
  });
  broadcast = (payload) => {
    const data = `42${JSON.stringify(['patch', payload])}`;
    for (const socket of clients) socket.send(data);
  };
} else {
  const io = new Server(http, { serveClient: false });
  io.on('connection', (socket) => socket.emit('snapshot', snapshot));
  broadcast = (payload) => io.emit('patch', payload);
}

http.listen(0, '127.0.0.1', () => out({ port: (http.address() as AddressInfo).port }));
createInterface({ input: process.stdin }).on('line', (line) => {
  const [word, arg] = line.split(' ');
  if (word === 'send') broadcast(JSON.parse(readFileSync(arg!, 'utf8')));
  if (word === 'rss') {
    globalThis.gc?.();
    setTimeout(() => out({ rssMb: residentMb(process.pid) }), 200);
  }
});
process.stdin.on('end', () => process.exit(0));
