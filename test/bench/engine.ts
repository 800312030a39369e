// The engine's own figures for `npm run bench`, in-process: the reducer, dispatch with the journal,
// patch sizes, and a small fan-out, each with a baseline measured the same way.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io as connect, type Socket } from 'socket.io-client';
import type { RollcallState } from '../../lib/model';
import type { Command } from '../../lib/protocol';
import { reduce } from '../../lib/reducer';
import { initialState, parseRoundTable } from '../../lib/seed';
import { diffViews, viewFor } from '../../lib/view';
import { DEMO_FILE, startRollcallServer } from '../../server/app-server';
import { createJournal, openDatabase } from '../../server/journal';
import { silentLogger } from '../../server/logger';
import { createRollcallService } from '../../server/rollcall-service';
import { percentile } from './figures';

const demo = () => initialState(parseRoundTable(JSON.parse(readFileSync(DEMO_FILE, 'utf8'))));
const moderator = { role: 'moderator' } as const;

/** A realistic mix: give the floor around the list, extend, message the screens. */
function workload(state: RollcallState, n: number): Command[] {
  const commands: Command[] = [{ type: 'session.start' }];
  for (let i = 0; commands.length < n; i++) {
    commands.push({ type: 'speaker.start', entryId: state.order[i % state.order.length]! });
    if (i % 3 === 0) commands.push({ type: 'speaker.extend', seconds: 30 });
    if (i % 7 === 0) commands.push({ type: 'message.send', target: 'screens', text: `Перерыв через ${i} минут` });
  }
  return commands.slice(0, n);
}

/** Per command: our structurally shared reducer, and a deep copy of the state as a naive baseline. */
export function benchReducer(n: number) {
  const start = demo();
  const commands = workload(start, n);
  let t = Date.parse('2026-12-10T07:00:00Z');
  let state = start;
  let reduceMs = 0;
  let copyMs = 0;
  for (const command of commands) {
    const t0 = performance.now();
    const r = reduce(state, command, { now: (t += 1000), actor: moderator, newId: `m${t}` });
    const t1 = performance.now();
    structuredClone(state);
    copyMs += performance.now() - t1;
    reduceMs += t1 - t0;
    if (r.ok) state = r.state;
  }
  return { reduce: reduceMs / commands.length, copy: copyMs / commands.length };
}

export function benchDispatch(n: number, synchronous: 'FULL' | 'OFF') {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-bench-'));
  const db = openDatabase(join(dir, 'bench.db'));
  db.pragma(`synchronous = ${synchronous}`);
  let t = Date.parse('2026-12-10T07:00:00Z');
  let seq = 0;
  const service = createRollcallService(demo(), {
    clock: { now: () => (t += 1000) },
    eventId: 'bench',
    journal: createJournal(db, 'bench'),
    feed: { publish: () => {} },
    logger: silentLogger(),
    newId: () => `b${seq++}`,
  });
  const latencies: number[] = [];
  for (const command of workload(service.state(), n)) {
    const t0 = performance.now();
    service.dispatch(moderator, command);
    latencies.push(performance.now() - t0);
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), perSecond: 1000 / (latencies.reduce((a, b) => a + b, 0) / n) };
}

export function benchPatchSize(n: number) {
  let state = demo();
  let t = Date.parse('2026-12-10T07:00:00Z');
  let patchBytes = 0;
  let snapshotBytes = 0;
  for (const command of workload(state, n)) {
    const r = reduce(state, command, { now: (t += 1000), actor: moderator, newId: `p${t}` });
    if (!r.ok) continue;
    patchBytes += JSON.stringify(diffViews(viewFor(state, moderator), viewFor(r.state, moderator), t, r.notices)).length;
    snapshotBytes += JSON.stringify(viewFor(r.state, moderator)).length;
    state = r.state;
  }
  return { patch: patchBytes / n, snapshot: snapshotBytes / n };
}

export async function benchFanOut(clients: number, commands: number) {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-bench-'));
  const server = await startRollcallServer({
    dataDir: dir,
    port: 0,
    host: '127.0.0.1',
    moderatorKey: 'bench',
    limits: { moderator: { commands: { capacity: 1e6, perSecond: 1e6 } }, ip: { connects: { capacity: 1e6, perSecond: 1e6 } } },
  });
  const sockets: Socket[] = [];
  for (let i = 0; i < clients; i++) {
    const socket = connect(server.url, { transports: ['websocket'], forceNew: true });
    await new Promise<void>((resolve) => socket.once('snapshot', () => resolve()));
    sockets.push(socket);
  }
  const control = connect(server.url, { auth: { key: 'bench' }, transports: ['websocket'], forceNew: true });
  await new Promise<void>((resolve) => control.once('snapshot', () => resolve()));
  const latencies: number[] = [];
  for (const command of workload(server.service.state(), commands)) {
    const target = server.service.state().version + 1;
    const t0 = performance.now();
    const delivered = Promise.all(
      sockets.map(
        (s) =>
          new Promise<void>((resolve) => {
            const onPatch = (p: { version: number }) => {
              if (p.version >= target) {
                s.off('patch', onPatch);
                resolve();
              }
            };
            s.on('patch', onPatch);
          }),
      ),
    );
    await control.emitWithAck('command', command);
    await delivered;
    latencies.push(performance.now() - t0);
  }
  for (const s of [...sockets, control]) s.disconnect();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}
