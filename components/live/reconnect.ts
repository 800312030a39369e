// How a page's socket comes back after its connection drops: socket.io's backoff, tuned with the
// restart bench (`npm run bench -- restart N`, docs/performance.md). Each wait is drawn evenly from
// 0 to twice a base that doubles from 1 s (full jitter), and capped at 3 s: the first attempt comes
// within 2 s, and while the server is down every screen tries at least every 3 s. When it listens
// again the screens arrive spread over those windows, not in one burst, and none waits long. (It was
// 1 s ±90 % capped at 5 s: the cap then clumped half of the attempts on exactly 5 s.)
export const RECONNECT = {
  reconnectionDelay: 1000,
  randomizationFactor: 1,
  reconnectionDelayMax: 3000,
} as const;
