// The broadcast queue on a real socket.io server with real clients: a room is written a slice of
// sockets at a time, each slice on its own turn (so a command can be answered in between), every
// client gets the queued messages in order, and a socket that joins after a message was queued
// does not get it (it gets a snapshot instead).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { createBroadcastQueue, encodeFrame } from '../server/broadcast-queue';
import { sleep, waitFor } from './support/real-server';

describe('broadcast queue', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    while (cleanup.length) cleanup.pop()!();
  });

  async function room(clients: number) {
    const http = createServer();
    const io = new Server(http, { serveClient: false });
    io.on('connection', (socket) => void socket.join('viewers'));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const received: number[][] = [];
    const sockets: Socket[] = [];
    const open = async () => {
      const socket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
      const got: number[] = [];
      socket.on('patch', (p: { version: number }) => got.push(p.version));
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      received.push(got);
      sockets.push(socket);
    };
    for (let i = 0; i < clients; i++) await open();
    await waitFor('every socket in the room', () => io.sockets.adapter.rooms.get('viewers')?.size === clients);
    cleanup.push(() => {
      for (const socket of sockets) socket.disconnect();
      void io.close();
    });
    return { io, received, open };
  }

  it('writes a slice of sockets per turn, in order, and only to the sockets in the room when queued', async () => {
    const { io, received, open } = await room(5);
    const held: (() => void)[] = [];
    const queue = createBroadcastQueue(io, { defer: (fn) => void held.push(fn), slice: 2 });

    queue.send('viewers', encodeFrame('patch', { version: 1 }));
    queue.send('viewers', encodeFrame('patch', { version: 2 }));
    expect(held.length).toBe(1);
    await open(); // joins after both were queued
    await waitFor('the sixth socket in the room', () => io.sockets.adapter.rooms.get('viewers')?.size === 6);
    await sleep(100);
    expect(received.flat()).toEqual([]); // nothing before the first turn

    const delivered = () => received.map((got) => got.length).reduce((a, b) => a + b, 0);
    const expected = [2, 4, 6, 8, 10];
    for (const count of expected) {
      expect(held.length).toBe(1); // the rest waits for the next turn
      held.shift()!();
      await waitFor(`${count} messages delivered`, () => delivered() >= count);
      await sleep(50);
      expect(delivered()).toBe(count);
    }
    expect(held.length).toBe(0);
    expect(queue.pending()).toBe(0);
    expect(received).toEqual([[1, 2], [1, 2], [1, 2], [1, 2], [1, 2], []]);
  });

  it('flush writes everything queued at once, calls included, in order', async () => {
    const { io, received } = await room(3);
    const held: (() => void)[] = [];
    const queue = createBroadcastQueue(io, { defer: (fn) => void held.push(fn), slice: 1 });
    const order: string[] = [];
    queue.send('viewers', encodeFrame('patch', { version: 7 }));
    queue.call(() => order.push(`after the patch: ${queue.pending()} left`));
    queue.flush();
    expect(order).toEqual(['after the patch: 0 left']);
    await waitFor('every socket has the patch', () => received.every((got) => got.length === 1));
    expect(received).toEqual([[7], [7], [7]]);
  });
});
