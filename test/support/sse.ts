// A Server-Sent Events reader for the tests: opens a stream with fetch and parses its frames
// (id, event, data, and `:` comments), as a browser's EventSource would.
import type { Now } from '../../lib/feed-schemas';
export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  retry?: number;
  /** A `: …` comment line (the server's heartbeat). */
  comment?: string;
  /** When the frame arrived (performance.now()). */
  at: number;
}

export interface SseStream {
  status: number;
  headers: Headers;
  frames: SseFrame[];
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const frames: SseFrame[] = [];
  const stream: SseStream = { status: res.status, headers: res.headers, frames, close: () => abort.abort() };
  if (!res.body || !res.headers.get('content-type')?.startsWith('text/event-stream')) {
    frames.push({ data: await res.text(), at: performance.now() });
    return stream;
  }
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const frame: SseFrame = { at: performance.now() };
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) frame.comment = line.slice(1).trim();
            else {
              const colon = line.indexOf(':');
              const field = line.slice(0, colon);
              const value = line.slice(colon + 1).replace(/^ /, '');
              if (field === 'id' || field === 'event') frame[field] = value;
              else if (field === 'data') frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
              else if (field === 'retry') frame.retry = Number(value);
            }
          }
          frames.push(frame);
        }
      }
    } catch {
      // closed by the test or the server
    }
  })();
  return stream;
}

/** The `now` messages received so far, parsed. */
export const nowMessages = (stream: SseStream) =>
  stream.frames.filter((f) => f.event === 'now').map((f) => ({ id: f.id!, at: f.at, now: JSON.parse(f.data!) as Now }));
