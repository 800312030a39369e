// A scripted roll call through HAProxy: the moderator (the page's own client code, connectLive, so its
// retry of a pending command across a reconnect is what is tested), three online cities and screens.
// The moderator sends a stream of commands, each carrying a unique text, so every acknowledged one can
// be found in the journal afterwards; the cities raise and clear signals with ids of their own.
import { randomUUID } from 'node:crypto';
import { connectLive, type LiveConnection } from '../../../components/live/live-connection';
import { createLiveStore, type LiveStore } from '../../../components/live/live-store';
import type { CommandBody, CommandResult } from '../../../lib/protocol';
import { sleep, until } from './processes';
import { turnStartChecker, watch, type Watcher } from './watchers';

export interface Acked {
  /**
   * What identifies the command in the journal: its `id`, or the unique text of a moderator message.
   * Other moderator commands (the page's client picks their ids) are known by their type, at the
   * version they were acknowledged with.
   */
  marker: { id: string } | { text: string } | { type: string };
  type: string;
  version: number;
  sentAt: number;
  ackedAt: number;
}

export interface Refused {
  type: string;
  sentAt: number;
  answeredAt: number;
  code: string;
  reason: string;
}

/** Loopback addresses for the screens: ten to an address, as homes behind one router. */
const screenAddress = (i: number) => `127.0.10.${1 + Math.floor(i / 10)}`;

export interface SessionOptions {
  url: string;
  moderatorKey: string;
  viewers: number;
  /** Screens that use long-polling only (HAProxy keeps them on one node by its cookie). */
  pollingViewers?: number;
}

export async function openSession(options: SessionOptions) {
  const links = await fetch(`${options.url}/api/links`, { headers: { authorization: `Bearer ${options.moderatorKey}` } });
  if (!links.ok) throw new Error(`GET /api/links answered ${links.status}: ${await links.text()}`);
  const tokens = ((await links.json()) as { entryId: string; token: string | null }[]).filter((l) => l.token);

  const store: LiveStore = createLiveStore();
  const moderatorProblems: string[] = [];
  const checkTurns = turnStartChecker('moderator', moderatorProblems);
  let shownVersion = 0;
  /** The page's connection status over time, for failure messages. */
  const statuses: string[] = [];
  store.subscribe((state) => {
    const last = statuses.at(-1);
    const now = `${state.status}${state.problem ? ` (${state.problem})` : ''}`;
    if (!last?.endsWith(` ${now}`)) statuses.push(`${new Date().toISOString().slice(11, 23)} ${now}`);
    if (!state.view || state.view.version === shownVersion) return;
    if (state.view.version < shownVersion)
      moderatorProblems.push(`moderator: version went back from ${shownVersion} to ${state.view.version}`);
    shownVersion = state.view.version;
    checkTurns(state.view);
  });
  const connection: LiveConnection = connectLive(store, { key: options.moderatorKey }, options.url);

  // Three online cities of the demo round table (the first entries with links are online ones).
  const participants = tokens
    .slice(3, 6)
    .map((l, i) => watch(options.url, `city ${i + 1}`, { token: l.token!, localAddress: `127.0.9.${i + 1}` }));
  const viewers = Array.from({ length: options.viewers }, (_, i) =>
    watch(options.url, `screen ${i + 1}`, { localAddress: screenAddress(i) }),
  );
  const polling = Array.from({ length: options.pollingViewers ?? 0 }, (_, i) =>
    watch(options.url, `polling screen ${i + 1}`, { polling: true, localAddress: `127.0.11.${i + 1}` }),
  );
  const watchers = [...participants, ...viewers, ...polling];

  const acked: Acked[] = [];
  const refused: Refused[] = [];
  let counter = 0;

  /** Sends a moderator command through the page's client; records the answer. */
  async function moderator(body: CommandBody, marker?: string): Promise<CommandResult> {
    const sentAt = Date.now();
    const result = await connection.send(body);
    const answeredAt = Date.now();
    if (result.ok) {
      acked.push({
        marker: marker ? { text: marker } : { type: body.type },
        type: body.type,
        version: result.version,
        sentAt,
        ackedAt: answeredAt,
      });
    } else {
      refused.push({ type: body.type, sentAt, answeredAt, code: result.error.code, reason: result.error.reason });
    }
    return result;
  }

  /** A moderator message to the screens with a unique text (found in the journal by it). */
  const message = () => {
    const text = `m-${++counter}-${randomUUID().slice(0, 8)}`;
    return moderator({ type: 'message.send', target: 'screens', text }, text);
  };

  /** A city's signal with an id of our own; acknowledged ones are recorded. */
  async function signal(city: Watcher, kind: 'signal.send' | 'signal.clear'): Promise<void> {
    const id = randomUUID();
    const body = kind === 'signal.send' ? { type: kind, kind: 'ready', id } : { type: kind, id };
    const sentAt = Date.now();
    try {
      const result = (await city.socket.timeout(5_000).emitWithAck('command', body)) as CommandResult;
      if (result.ok) acked.push({ marker: { id }, type: kind, version: result.version, sentAt, ackedAt: Date.now() });
      else refused.push({ type: kind, sentAt, answeredAt: Date.now(), code: result.error.code, reason: result.error.reason });
    } catch {
      // no answer (its node died meanwhile): not acknowledged, so the journal may or may not hold it
    }
  }

  let streaming: Promise<void> | null = null;
  let stopStream = false;

  return {
    store,
    connection,
    participants,
    viewers: [...viewers, ...polling],
    watchers,
    acked,
    refused,
    moderator,
    message,
    problems: () => [...moderatorProblems, ...watchers.flatMap((w) => w.problems)],
    statuses,

    async ready(timeoutMs = 30_000) {
      const missing = () => [...(store.getState().view ? [] : ['moderator']), ...watchers.filter((w) => !w.view).map((w) => w.name)];
      try {
        await until('every client to hold a snapshot', () => missing().length === 0, timeoutMs);
      } catch (error) {
        throw new Error(
          `${(error as Error).message}; without one: ${missing().join(', ')} (moderator: ${store.getState().status} ${store.getState().problem ?? ''})`,
        );
      }
    },

    /**
     * Starts the session if it has not started (the cluster may have run another session before) and
     * gives the floor to the next speaker; returns that speaker's id and when their turn started.
     */
    async startTalking(): Promise<{ speaker: string; startedAt: number }> {
      const bodies: CommandBody[] = store.getState().view?.phase === 'live' ? [] : [{ type: 'session.start' }];
      for (const body of [...bodies, { type: 'speaker.next' } as const]) {
        const result = await moderator(body);
        if (!result.ok) throw new Error(`${body.type} refused: ${result.error.message}`);
        await until(`the moderator at version ${result.version}`, () => (store.getState().view?.version ?? 0) >= result.version, 5_000);
      }
      const view = store.getState().view!;
      const speaker = view.currentEntryId!;
      return { speaker, startedAt: view.entries[speaker]!.turns.at(-1)!.startedAt };
    },

    /** A moderator message every `gapMs` and a city signal every fourth, until `stop()`. */
    stream(gapMs = 250) {
      stopStream = false;
      streaming = (async () => {
        for (let i = 0; !stopStream; i++) {
          // A message that got no answer within 12 s is not acknowledged; the stream goes on.
          const pending = message();
          if (i % 4 === 0) void signal(participants[i % participants.length]!, i % 8 === 0 ? 'signal.send' : 'signal.clear');
          await Promise.all([pending, sleep(gapMs)]);
        }
      })();
    },
    async stop() {
      stopStream = true;
      await streaming;
    },

    close() {
      connection.close();
      for (const w of watchers) w.close();
    },
  };
}

export type Session = Awaited<ReturnType<typeof openSession>>;
