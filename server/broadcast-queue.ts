// What this node's sockets are sent after a commit, in order, after the command's acknowledgement.
// The fan-out works out each audience's patch while the command commits (cheap), but writing it to
// thousands of sockets is the expensive part, so that is queued here: the first slice runs on the
// next turn of the event loop, after the acknowledgement has been written, and a large room is
// written a slice at a time, yielding between slices, so the next command is not kept waiting.
// Jobs run strictly in order, so every socket still gets its messages in version order.
import type { Server } from 'socket.io';
import * as ws from 'ws';

/** Runs `fn` on a later turn of the event loop (setImmediate; tests pass a queue they run by hand). */
export type Defer = (fn: () => void) => void;

/** Sockets written before the queue yields to other work (a command, a connect). */
export const BROADCAST_SLICE = 500;

/** One socket.io message, encoded once for every socket that gets it. */
export interface Frame {
  /** The socket.io packet (`2["patch",{…}]`, protocol v5) as engine.io writes it. */
  packet: string;
  /** The options engine.io passes to its transports: a WebSocket writes the pre-built frame as is. */
  options: { compress: boolean; wsPreEncodedFrame: Buffer[] };
}

interface FrameOptions {
  readOnly: boolean;
  mask: boolean;
  rsv1: boolean;
  opcode: number;
  fin: boolean;
}
/** ws's frame builder: public in ws (and used by socket.io's own broadcast), missing from @types/ws. */
const { Sender } = ws as unknown as { Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] } };

/** Encodes a socket.io EVENT packet for the default namespace, as socket.io-parser would, and its WebSocket frame. */
export function encodeFrame(name: string, payload: unknown): Frame {
  const packet = `2${JSON.stringify([name, payload])}`;
  // "4" is engine.io's message type; this is the frame socket.io's own broadcast pre-computes.
  const wsPreEncodedFrame = Sender.frame(Buffer.from(`4${packet}`), {
    readOnly: false,
    mask: false,
    rsv1: false,
    opcode: 1,
    fin: true,
  });
  return { packet, options: { compress: false, wsPreEncodedFrame } };
}

/** What the direct write reads of engine.io's socket and ws's sender; checked at run time, never assumed. */
interface EngineSocket {
  readyState: string;
  writeBuffer: unknown[];
  transport: {
    name: string;
    writable: boolean;
    perMessageDeflate?: unknown;
    socket?: { _sender?: { _state?: number; sendFrame?: (list: Buffer[]) => void } };
  };
  write(packet: string, options: Frame['options']): void;
}

/**
 * Writes a frame to one socket. An idle WebSocket (nothing buffered by engine.io, no send in flight,
 * no compression) gets the pre-built frame straight from ws's sender, as a raw `ws` server would:
 * engine.io's per-packet bookkeeping (events, buffers, a callback per write) is most of a socket's
 * cost in a large broadcast. Anything else goes through engine.io, which keeps the order.
 */
function writeFrame(conn: EngineSocket, frame: Frame) {
  const { transport } = conn;
  const sender = transport.socket?._sender;
  if (
    conn.readyState === 'open' &&
    transport.name === 'websocket' &&
    transport.writable &&
    conn.writeBuffer.length === 0 &&
    !transport.perMessageDeflate &&
    sender?._state === 0 &&
    typeof sender.sendFrame === 'function'
  ) {
    sender.sendFrame(frame.options.wsPreEncodedFrame);
  } else conn.write(frame.packet, frame.options);
}

type Job = { kind: 'send'; frame: Frame; ids: string[]; next: number } | { kind: 'call'; fn: () => void };

export function createBroadcastQueue(io: Server, options: { defer?: Defer; slice?: number } = {}) {
  const defer = options.defer ?? ((fn) => void setImmediate(fn));
  const slice = options.slice ?? BROADCAST_SLICE;
  const jobs: Job[] = [];
  let scheduled = false;

  /** Writes up to `budget` sockets of the queue's head jobs; returns what is left of the budget. */
  const work = (budget: number) => {
    while (jobs.length > 0 && budget > 0) {
      const job = jobs[0]!;
      if (job.kind === 'call') {
        jobs.shift();
        job.fn();
        budget--;
        continue;
      }
      const start = job.next;
      const end = Math.min(job.ids.length, start + budget);
      for (; job.next < end; job.next++) {
        const socket = io.sockets.sockets.get(job.ids[job.next]!);
        // Gone meanwhile: nothing to write to.
        if (socket?.connected) writeFrame(socket.conn as unknown as EngineSocket, job.frame);
      }
      budget -= end - start;
      if (job.next >= job.ids.length) jobs.shift();
    }
  };

  const run = () => {
    scheduled = false;
    work(slice);
    if (jobs.length > 0) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    defer(run);
  };

  return {
    /** Queues `frame` for the sockets in `room` now (a socket that joins later gets a snapshot instead). */
    send(room: string, frame: Frame) {
      const ids = io.sockets.adapter.rooms.get(room);
      if (!ids || ids.size === 0) return;
      jobs.push({ kind: 'send', frame, ids: [...ids], next: 0 });
      schedule();
    },
    /** Queues work that must come after what is queued (closing a removed city's sockets after its patch). */
    call(fn: () => void) {
      jobs.push({ kind: 'call', fn });
      schedule();
    },
    /** Sends everything queued now (before the sockets move to another event). */
    flush() {
      while (jobs.length > 0) work(Number.POSITIVE_INFINITY);
    },
    /** Messages still waiting (tests). */
    pending: () => jobs.length,
  };
}
export type BroadcastQueue = ReturnType<typeof createBroadcastQueue>;
