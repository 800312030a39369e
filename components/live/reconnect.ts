// How a page's socket comes back after its connection drops: socket.io's backoff, tuned with the
// restart bench (`npm run bench -- restart N`, docs/performance.md). Each wait is drawn evenly from
// 0 to twice the base (full jitter), the base doubling from 0.5 s, the wait capped at 2 s: the first
// attempt comes within 1 s, and while the server is down every screen tries at least every 2 s. When
// it listens again the screens arrive spread over those windows, not in one burst, and none waits long.
export const RECONNECT = {
  reconnectionDelay: 500,
  randomizationFactor: 1,
  reconnectionDelayMax: 2000,
} as const;
