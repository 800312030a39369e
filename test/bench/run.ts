// `npm run bench`: figures of the roll call engine and of the real server under load, each next to a
// baseline measured in the same run on the same machine, so the figures compare like with like.
// `npm run bench -- engine`, `-- load`, `-- ack [commands]`, `-- fanout [viewers]`, `-- restart [screens] [--no-pages]`
// or `-- pages` runs one part (the default run has none of the last four: 10 000 viewers take minutes, pages
// need a build and Chromium). docs/performance.md records the results.
import { ackFigures, type Spread } from './ack';
import { benchDispatch, benchFanOut, benchPatchSize, benchReducer } from './engine';
import { baselineFanOut, median, p99, restartFigures, rollcallFanOut } from './fanout';
import { createTable, ms } from './figures';
import { COLD_SCREEN_TARGET_MS, JS_TARGETS_KB, medianOf, pageFigures } from './pages';
import { moderatorAcks } from './scenarios';
import { linkFlood, syncAndPageFlood } from './scenarios';

const only = process.argv[2];
const table = createTable();
const ratio = (a: number, b: number, digits = 2) => `${(a / b).toFixed(digits)}×`;

if (only === 'ack') {
  const a = await ackFigures(Number(process.argv[3] ?? 300));
  const pair = (s: Spread) => `${ms(s.p50, 1)} / ${ms(s.p99, 1)}`;
  table.row(
    'moderator ack, socket, 0 viewers, p50 / p99',
    pair(a.socket),
    `${pair(a.bareSocket)} (plain socket.io ack)`,
    ratio(a.socket.p99, a.bareSocket.p99),
  );
  table.row(
    "  the server's own time (handler → ack written)",
    pair(a.ownSocket),
    `${pair(a.commit)} (a bare SQLite commit, FULL)`,
    ratio(a.ownSocket.p99, a.commit.p99),
  );
  table.row('  the data disk: fdatasync of 4 KB', '', pair(a.sync), '');
  table.row(
    'moderator POST /api/commands, p50 / p99',
    pair(a.http),
    `${pair(a.bareHttp)} (bare Node POST)`,
    ratio(a.http.p99, a.bareHttp.p99),
  );
  table.row("  the server's own time (route → answer written)", pair(a.ownHttp), `${a.counted} acks timed by the server`, '');
  table.print();
  process.exit(0);
}

if (only === 'restart') {
  const viewers = Number(process.argv[3] ?? 1000);
  const r = await restartFigures(viewers, process.argv[4] !== '--no-pages');
  table.row(
    `spawn → listening and healthy (pages ${r.pages ? 'on' : 'off'})`,
    ms(r.compiledStartMs, 0),
    `${ms(r.tsxStartMs, 0)} (tsx, as before)`,
    ratio(r.compiledStartMs, r.tsxStartMs),
  );
  const { tuned: t, before: b } = r;
  table.row(`kill -9 → server healthy again, ${viewers} screens reconnecting`, ms(t.healthyMs, 0), ms(b.healthyMs, 0), '');
  table.row(`kill -9 → half of the screens back`, ms(t.halfMs, 0), ms(b.halfMs, 0), ratio(t.halfMs, b.halfMs));
  table.row(
    `kill -9 → all ${viewers} screens back with a fresh snapshot`,
    ms(t.backMs, 0),
    `${ms(b.backMs, 0)} (backoff before)`,
    ratio(t.backMs, b.backMs),
  );
  table.row('  server CPU from healthy to all back', ms(t.cpuMs, 0), ms(b.cpuMs, 0), '');
  table.print();
  process.exit(0);
}

if (only === 'pages') {
  const { weights, floor, coldScreenMs, coldFloorMs } = await pageFigures();
  const within = (figure: number, target: number | undefined) => (target === undefined ? '' : figure <= target ? 'met' : 'not met');
  const kB = (v: number) => `${v.toFixed(0)} kB`;
  for (const w of weights) {
    const target = JS_TARGETS_KB[w.route];
    table.row(
      `first-load JS, gzip, ${w.route}`,
      kB(w.firstLoadKb),
      target === undefined ? '' : `target ≤ ${target} kB`,
      within(w.firstLoadKb, target),
    );
  }
  table.row('  framework floor (the not-found page)', kB(floor.firstLoadKb), '', '');
  for (const w of weights) {
    table.row(`  ${w.route}: all JS once idle (lazy chunks too) / HTML`, kB(w.allJsKb), kB(w.htmlKb), w.zod ? 'zod loaded' : 'no zod');
  }
  const cold = medianOf(coldScreenMs);
  table.row(
    `cold /screen → speaker's name visible (median of ${coldScreenMs.length}, loopback)`,
    ms(cold, 0),
    `target ≤ ${COLD_SCREEN_TARGET_MS} ms`,
    within(cold, COLD_SCREEN_TARGET_MS),
  );
  table.row('  fastest / slowest', `${ms(Math.min(...coldScreenMs), 0)} / ${ms(Math.max(...coldScreenMs), 0)}`, '', '');
  const floorMs = medianOf(coldFloorMs);
  table.row('  the same run: cold not-found page → load (framework only)', ms(floorMs, 0), '', ratio(cold, floorMs));
  table.print();
  process.exit(0);
}

if (only === 'fanout') {
  const viewers = Number(process.argv[3] ?? 1000);
  const rounds = 5;
  const idle = await moderatorAcks(150);
  const sample: Parameters<typeof rollcallFanOut>[2] = {};
  const rollcall = await rollcallFanOut(viewers, rounds, sample);
  const wanted = { patch: sample.patch!, snapshot: sample.snapshot! };
  const ws = await baselineFanOut('ws', viewers, rounds, wanted);
  const plain = await baselineFanOut('socketio', viewers, rounds, wanted);
  const n = viewers.toLocaleString('en');
  const [ours, raw] = [median(rollcall.lastViewerMs), median(ws.lastViewerMs)];
  table.row(
    `speaker.next → last of ${n} viewers (median of ${rounds})`,
    ms(ours, 0),
    `${ms(raw, 0)} (raw ws, same bytes)`,
    ratio(ours, raw),
  );
  table.row('  the same, plain socket.io', '', ms(median(plain.lastViewerMs), 0), ratio(ours, median(plain.lastViewerMs)));
  table.row('moderator ack, 0 viewers, p50 / p99', `${ms(idle.p50, 1)} / ${ms(idle.p99, 1)}`, '', '');
  const busy = [...rollcall.acks, ...rollcall.nextAcks];
  table.row(
    `moderator ack, ${n} viewers, p50 / max (the command and the next one)`,
    `${ms(median(busy), 1)} / ${ms(p99(busy), 1)}`,
    `${ms(idle.p99, 1)} (p99, 0 viewers)`,
    ratio(p99(busy), idle.p99),
  );
  table.row(
    `connecting ${n} viewers`,
    ms(rollcall.connectMs, 0),
    `${ms(plain.connectMs, 0)} (plain socket.io)`,
    ratio(rollcall.connectMs, plain.connectMs),
  );
  table.row('  the same, raw ws', '', ms(ws.connectMs, 0), ratio(rollcall.connectMs, ws.connectMs));
  table.row(
    'server RSS after GC, 0 viewers',
    `${rollcall.rssIdleMb.toFixed(0)} MB`,
    `${plain.rssIdleMb.toFixed(0)} MB (plain socket.io)`,
    ratio(rollcall.rssIdleMb, plain.rssIdleMb),
  );
  table.row(
    `server RSS after GC, ${n} viewers`,
    `${rollcall.rssMb.toFixed(0)} MB`,
    `${plain.rssMb.toFixed(0)} MB (plain socket.io)`,
    ratio(rollcall.rssMb, plain.rssMb),
  );
  table.row('  raw ws, 0 / N viewers', '', `${ws.rssIdleMb.toFixed(0)} / ${ws.rssMb.toFixed(0)} MB`, '');
  table.print();
  process.exit(0);
}

if (only !== 'load') {
  const reducer = benchReducer(2_000);
  const full = benchDispatch(2_000, 'FULL');
  const off = benchDispatch(2_000, 'OFF');
  table.row(
    'reducer, per command',
    ms(reducer.reduce),
    `${ms(reducer.copy)} (deep copy of the state)`,
    ratio(reducer.reduce, reducer.copy),
  );
  table.row('dispatch + journal, synchronous=FULL (p50)', ms(full.p50), `${ms(off.p50)} (synchronous=OFF)`, ratio(full.p50, off.p50, 1));
  table.row('dispatch + journal, synchronous=FULL (p99)', ms(full.p99), `${ms(off.p99)} (synchronous=OFF)`, ratio(full.p99, off.p99, 1));
  table.row(
    'durable commands per second',
    full.perSecond.toFixed(0),
    `${off.perSecond.toFixed(0)} (synchronous=OFF)`,
    ratio(full.perSecond, off.perSecond),
  );
  const sizes = benchPatchSize(500);
  table.row(
    'bytes per update (patch)',
    sizes.patch.toFixed(0),
    `${sizes.snapshot.toFixed(0)} (full snapshot)`,
    `${((sizes.patch / sizes.snapshot) * 100).toFixed(1)} %`,
  );
  const one = await benchFanOut(1, 100);
  const many = await benchFanOut(100, 100);
  table.row('command → all screens, 100 clients (p50)', ms(many.p50), `${ms(one.p50)} (1 client)`, ratio(many.p50, one.p50, 1));
  table.row('command → all screens, 100 clients (p95)', ms(many.p95), `${ms(one.p95)} (1 client)`, ratio(many.p95, one.p95, 1));
}

if (only !== 'engine') {
  const pct = (share: number) => `${(share * 100).toFixed(0)} %`;
  const a = await linkFlood(1000, 150);
  table.row(
    'moderator ack p50, 1000 screens + one link flooding from 20 sockets (target ≤ 1.3×)',
    ms(a.busyP50, 1),
    `${ms(a.quietP50, 1)} (1000 screens, quiet)`,
    ratio(a.busyP50, a.quietP50),
  );
  table.row(
    'patches screens got for changes they cannot see (target 0)',
    String(a.invisible + a.unexplained),
    `${a.forModerator} for the moderator's commands`,
    a.invisible + a.unexplained === 0 ? 'none' : 'some',
  );
  table.row(
    "  patches for the link going online / offline (the screens' count)",
    String(a.countChanges),
    `${a.stats.connected} connections made, ${a.stats.refused} refused`,
    '',
  );
  table.row('  signals from the link accepted / refused', String(a.stats.accepted), String(a.stats.limited), '');
  table.row('  server CPU while timing (share of one core)', pct(a.cpuBusy), `${pct(a.cpuQuiet)} (quiet)`, '');
  const b = await syncAndPageFlood(150);
  table.row(
    'moderator ack p95, 10 sockets flooding sync + 10 clients reloading /screen (target ≤ 1.5×)',
    ms(b.busyP95, 1),
    `${ms(b.quietP95, 1)} (quiet)`,
    ratio(b.busyP95, b.quietP95),
  );
  table.row(
    '  snapshots sent / syncs refused',
    String(b.stats.snapshots),
    String(b.stats.syncsRefused),
    `${((b.stats.bytes ?? 0) / 1e6).toFixed(1)} MB`,
  );
  table.row('  /screen served (rendered once, then from memory) / refused', String(b.stats.pages), String(b.stats.pagesRefused), '');
  table.row('  server CPU while timing (share of one core)', pct(b.cpuBusy), `${pct(b.cpuQuiet)} (quiet)`, '');
}

table.print();
process.exit(0);
