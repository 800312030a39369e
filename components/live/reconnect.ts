// How a page's socket comes back after its connection drops: socket.io's backoff, tuned with the
// restart bench (`npm run bench -- restart N`, docs/performance.md). Each wait is drawn evenly from
// 0 to twice a base that doubles from 1 s (full jitter), then capped at 3 s: the first attempt comes
// within 2 s, the second within 3 s, later ones mostly at 3 s. While the server is down every screen
// tries at least every 3 s; when it listens again the screens arrive spread by their earlier random
// waits, and none waits more than 3 s. (It was 1 s ±90 % capped at 5 s: up to 5 s after the server was back.)
export const RECONNECT = {
  reconnectionDelay: 1000,
  randomizationFactor: 1,
  reconnectionDelayMax: 3000,
} as const;
