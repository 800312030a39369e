// kill -9 on the real server process (server/main.ts under tsx, pages off) and restart on the same
// data dir: the speaker keeps speaking with their clock from the original start, acknowledged
// commands are all there exactly once, and the state is what replaying the journal gives.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RollcallState } from '../lib/model';
import { reduce } from '../lib/reducer';
import { initialState, parseRoundTable } from '../lib/seed';
import { apiState, type ApiState } from '../lib/view';
import { createJournal } from '../server/journal';
import { recoverState } from '../server/rollcall-service';
import { KEY, openSocket, sleep } from './support/real-server';
import {
  CLIENT_ADDRESSES,
  accepted,
  entryOf,
  freePort,
  getState,
  kill9,
  linksOf,
  post,
  postFrom,
  signalGroup,
  useServerProcesses,
  waitDown,
} from './support/server-process';

const DEMO = fileURLToPath(new URL('../server/demo-round-table.json', import.meta.url));

// Server processes and data dirs for this file, all killed and removed after its tests.
const { newDataDir, startServer } = useServerProcesses();

// ---- the journal on disk ------------------------------------------------------------------------

interface JournalOnDisk {
  versions: number[];
  versionOf(clientKey: string): number | null;
  /** Every journaled command replayed from the demo round table, ignoring snapshots. */
  fullReplay: RollcallState;
  /** What the server itself recovers: the newest snapshot plus the journal after it. */
  recovered: RollcallState;
}

function readJournal(dataDir: string): JournalOnDisk {
  const db = new Database(join(dataDir, 'rollcall.db'), { readonly: true, fileMustExist: true });
  try {
    const journal = createJournal(db, 'main');
    const versions = (
      db.prepare("SELECT version FROM journal WHERE event_id = 'main' ORDER BY version").all() as { version: number }[]
    ).map((r) => r.version);
    const keys = new Map<string, number>();
    for (const row of db.prepare("SELECT client_key, version FROM journal WHERE event_id = 'main' AND client_key IS NOT NULL").all() as {
      client_key: string;
      version: number;
    }[]) {
      keys.set(row.client_key, row.version);
    }
    let fullReplay = initialState(parseRoundTable(JSON.parse(readFileSync(DEMO, 'utf8'))));
    for (const record of journal.records(0)) {
      const result = reduce(fullReplay, record.command, record.ctx);
      if (!result.ok) throw new Error(`replay failed at version ${record.version}: ${result.error.message}`);
      expect(result.state.version).toBe(record.version);
      fullReplay = result.state;
    }
    const recovered = recoverState(journal, () => {
      throw new Error('the journal has no snapshot');
    });
    return { versions, versionOf: (key) => keys.get(key) ?? null, fullReplay, recovered };
  } finally {
    db.close();
  }
}

/** The restarted server's state is exactly the journal replayed: same version, same derived view at its serverTime. */
function expectStateIsJournal(state: ApiState, disk: JournalOnDisk) {
  expect(disk.versions).toEqual(Array.from({ length: state.version }, (_, i) => i + 1));
  expect(disk.recovered).toEqual(disk.fullReplay);
  expect(state).toEqual(apiState(disk.fullReplay, state.serverTime, { viewers: 0 }));
}

// ---- the tests ----------------------------------------------------------------------------------

describe('crash recovery of the real server process', () => {
  it('keeps the speaker speaking, counting from the original start, after kill -9', async () => {
    const dataDir = newDataDir();
    const port = await freePort();
    let server = await startServer(dataDir, port);
    const acked = new Map<string, number>();
    const send = async (id: string, command: Record<string, unknown>) => {
      const version = await accepted(server.url, { ...command, id });
      acked.set(id, version);
      return version;
    };

    await send('c-start', { type: 'session.start' });
    await send('c-next-1', { type: 'speaker.next' });
    const first = (await getState(server.url)).currentEntryId!;
    await sleep(1500); // the first speaker talks for a while
    const secondStartFrom = Date.now();
    await send('c-next-2', { type: 'speaker.next' });
    const secondStartBy = Date.now();
    const initial = await getState(server.url);
    const second = initial.currentEntryId!;
    expect(second).not.toBe(first);
    const extendVersion = await send('c-extend', { type: 'speaker.extend', seconds: 60 });
    await send('c-message', { type: 'message.send', target: 'speaker', text: 'Осталась минута' });
    const hall = initial.entries[5]!.id;
    await send('c-checkin', { type: 'entry.checkIn', entryId: hall, present: true });
    const before = await getState(server.url);
    expect(entryOf(before, second).status).toBe('speaking');

    // One more command, and the process dies the moment it is acknowledged.
    const last = initial.entries[7]!.id;
    const lastVersion = await send('c-last', { type: 'entry.update', entryId: last, fields: { representative: 'Сидоров С. С.' } });
    await kill9(server);

    server = await startServer(dataDir, port);
    const after = await getState(server.url);
    expect(after.version).toBe(lastVersion);
    for (const version of acked.values()) expect(version).toBeLessThanOrEqual(after.version);
    expect(after.phase).toBe('live');
    expect(after.currentEntryId).toBe(second);
    expect(entryOf(after, second).status).toBe('speaking');
    // The second speaker's clock runs from the original start, not from the restart.
    const used = entryOf(after, second).usedMs;
    expect(used).toBeGreaterThanOrEqual(after.serverTime - secondStartBy - 50);
    expect(used).toBeLessThanOrEqual(after.serverTime - secondStartFrom + 50);
    expect(used).toBeGreaterThan(entryOf(before, second).usedMs);
    expect(entryOf(after, second).allottedMs).toBe(entryOf(before, second).allottedMs);
    // The first speaker's finished turn is unchanged.
    expect(entryOf(after, first).status).toBe('done');
    expect(entryOf(after, first).usedMs).toBe(entryOf(before, first).usedMs);
    expect(entryOf(after, first).usedMs).toBeGreaterThanOrEqual(1400);
    // The commands acknowledged before the kill are there, the last one included.
    expect(entryOf(after, hall).presence).toBe('in_hall');
    expect(entryOf(after, last).representative).toBe('Сидоров С. С.');

    // Retrying an acknowledged command answers its original version and changes nothing.
    const retry = await post(server.url, { type: 'speaker.extend', seconds: 60, id: 'c-extend' });
    expect(retry).toEqual({ status: 200, body: { version: extendVersion, duplicate: true } });
    const afterRetry = await getState(server.url);
    expect(afterRetry.version).toBe(after.version);
    expect(entryOf(afterRetry, second).allottedMs).toBe(entryOf(after, second).allottedMs);

    // The journal on disk holds every acknowledged command, once, at its acknowledged version.
    const disk = readJournal(dataDir);
    for (const [id, version] of acked) expect(disk.versionOf(`moderator:${id}`), id).toBe(version);
    expectStateIsJournal(afterRetry, disk);

    await kill9(server);
  }, 60_000);

  it('loses no acknowledged command when killed -9 repeatedly while commands stream in', async () => {
    const dataDir = newDataDir();
    const port = await freePort();
    let server = await startServer(dataDir, port);
    await accepted(server.url, { type: 'session.start' });
    await accepted(server.url, { type: 'speaker.next' });
    const links = await linksOf(server.url);
    const order = (await getState(server.url)).entries.map((e) => e.id);
    const city = links.find((l) => l.entryId === order[4])!;

    /** Every acknowledged command: its journal key and the version it was acknowledged with. */
    const acked: { key: string; version: number }[] = [];
    let highest = 0;
    let sent = 0;

    for (let round = 1; round <= 3; round++) {
      let stop = false;
      let killAfterAck = false;
      let onAckAfterMark: () => void = () => {};
      const ackAfterMark = new Promise<void>((resolve) => (onAckAfterMark = resolve));
      const url = server.url;

      const worker = async (w: number) => {
        for (let n = 0; !stop; n++) {
          const id = `r${round}-w${w}-${n}`;
          const pick = n % 5;
          const asCity = w === 0;
          const command: Record<string, unknown> = asCity
            ? { type: 'signal.send', kind: n % 2 ? 'ready' : 'request_floor', id }
            : pick === 0
              ? { type: 'speaker.extend', seconds: 5, id }
              : pick === 1
                ? { type: 'entry.checkIn', entryId: order[10], present: n % 2 === 0, id }
                : pick === 2 && n % 20 === 2
                  ? { type: 'speaker.next', id }
                  : { type: 'message.send', target: 'screens', text: `burst ${id}`, id };
          try {
            const from = CLIENT_ADDRESSES[sent++ % CLIENT_ADDRESSES.length]!;
            const reply = await postFrom(url, command, asCity ? city.token : KEY, from);
            if (reply.status === 200 && reply.body.version !== undefined) {
              acked.push({ key: `${asCity ? `participant:${city.entryId}` : 'moderator'}:${id}`, version: reply.body.version });
              highest = Math.max(highest, reply.body.version);
              if (killAfterAck) onAckAfterMark();
            } else if (reply.status === 429) {
              await sleep(10);
            } else if (reply.status !== 409) {
              throw new Error(`unexpected answer ${reply.status}: ${JSON.stringify(reply.body)}`);
            }
          } catch (error) {
            if (stop) return; // the server was killed under this request
            throw error;
          }
        }
      };

      const workers = [0, 1, 2, 3, 4, 5].map((w) => worker(w));
      await sleep(300);
      // Kill the moment the next command is acknowledged (or after a second at the latest).
      killAfterAck = true;
      await Promise.race([ackAfterMark, sleep(1000)]);
      signalGroup(server.child, 'SIGKILL');
      stop = true;
      await Promise.all(workers);
      await waitDown(server);

      server = await startServer(dataDir, port);
      const state = await getState(server.url);
      expect(acked.length).toBeGreaterThan(0);
      expect(state.version, `round ${round}`).toBeGreaterThanOrEqual(highest);
      const disk = readJournal(dataDir);
      for (const { key, version } of acked) expect(disk.versionOf(key), key).toBe(version);
      expectStateIsJournal(state, disk);
    }

    // A clean shutdown and restart on the same journal gives the same state again.
    const beforeStop = await getState(server.url);
    signalGroup(server.child, 'SIGTERM');
    await waitDown(server);
    server = await startServer(dataDir, port);
    const restarted = await getState(server.url);
    expect(restarted.version).toBe(beforeStop.version);
    expect(restarted.currentEntryId).toBe(beforeStop.currentEntryId);
    expectStateIsJournal(restarted, readJournal(dataDir));
    await kill9(server);
  }, 120_000);

  it('does not show a participant as online after kill -9 when it does not come back', async () => {
    const dataDir = newDataDir();
    const port = await freePort();
    const env = { ROLLCALL_RECONNECT_GRACE_MS: '300' };
    let server = await startServer(dataDir, port, env);
    const city = (await getState(server.url)).entries[3]!.id;
    const [link] = (await linksOf(server.url)).filter((l) => l.entryId === city);
    const socket = openSocket(server.url, { auth: { token: link!.token } });
    try {
      const onlineBy = Date.now() + 5000;
      while (entryOf(await getState(server.url), city).presence !== 'online') {
        if (Date.now() > onlineBy) throw new Error(`${city} never came online`);
        await sleep(20);
      }
      await kill9(server);
    } finally {
      socket.disconnect();
    }

    // The city's connection died with the server and it does not reconnect.
    server = await startServer(dataDir, port, env);
    const deadline = Date.now() + 5000;
    let presence = entryOf(await getState(server.url), city).presence;
    while (presence !== 'offline' && Date.now() < deadline) {
      await sleep(50);
      presence = entryOf(await getState(server.url), city).presence;
    }
    expect(presence).toBe('offline');
    expectStateIsJournal(await getState(server.url), readJournal(dataDir));
    await kill9(server);
  }, 60_000);
});
