// How long the server itself takes to answer a command: from its handler getting the message to the
// answer handed to the socket, published on a diagnostics channel. Nothing subscribes in production,
// and then nothing is timed; the bench's host process (test/bench/gc-host.mjs) subscribes, so its
// figures can tell the server's own time from the round trip on a loaded machine.
import { channel } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';

export const ACK_TIMING_CHANNEL = 'rollcall:ack';

export interface AckTiming {
  transport: 'socket' | 'http';
  /** Handler entry → answer written, in ms. */
  ms: number;
}

const acks = channel(ACK_TIMING_CHANNEL);
const untimed = () => {};

/** Starts timing one command; call the result once its answer is written. */
export function timeAck(transport: AckTiming['transport']): () => void {
  if (!acks.hasSubscribers) return untimed;
  const start = performance.now();
  return () => acks.publish({ transport, ms: performance.now() - start } satisfies AckTiming);
}
