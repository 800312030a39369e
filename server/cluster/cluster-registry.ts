// The events as a cluster node holds them: every event's state in memory, followed from the journal
// in Postgres; the join links in memory too (verified on every message), reloaded when any node
// changes one. Changes (a rehearsal made or deleted, another event made active, a link) are written
// to Postgres first and reach the other nodes by NOTIFY, with the poll as the safety net.
import type { EventSummary } from '../../lib/api-schemas';
import type { Actor, RollcallState } from '../../lib/model';
import type { CommandResult, RollcallError } from '../../lib/protocol';
import { rehearsalCopy } from '../../lib/rehearsal';
import type { Clock } from '../clock';
import type { CommitFeed } from '../commit-feed';
import { entryOfToken, LinksKeyMismatch, newToken, sealToken, sha256, tokenMatches, unsealToken, type JoinLink } from '../credentials';
import { StartupError } from '../data-dir';
import type { EventsPort, LinksPort, LiveEventPort, RegistryResult } from '../event-ports';
import { eventSummary } from '../event-registry';
import { decodeState, recordOf, type JournalRecord } from '../journal';
import type { Logger } from '../logger';
import { replayRecord } from '../rollcall-service';
import { createClusterService, type ClusterService } from './cluster-service';
import type { LinkRow, Notice, PgStore } from './pg-store';

const FIRST_EVENT = 'main';

export interface ClusterLiveEvent extends LiveEventPort {
  service: ClusterService & { dispatch(actor: Actor, raw: unknown): Promise<CommandResult> };
  links: LinksPort & { reload(): Promise<void> };
}

export interface ClusterRegistryDeps {
  store: PgStore;
  clock: Clock;
  sealingKey: Buffer;
  newId: () => string;
  feed: Pick<CommitFeed, 'publish'>;
  logger: Logger;
  seed: () => RollcallState;
  refusal: () => RollcallError | null;
}

const refuse = (reason: string, message: string): { ok: false; error: RollcallError } => ({
  ok: false,
  error: { code: 'conflict', reason, message },
});

function cachedLinks(eventId: string, deps: ClusterRegistryDeps, changed: () => Promise<void>): ClusterLiveEvent['links'] {
  let rows = new Map<string, LinkRow>();
  const put = async (entryId: string, token: string | null, onlyIfMissing = false) => {
    const done = await deps.store.putLink(
      eventId,
      entryId,
      token ? sha256(token) : null,
      token ? sealToken(deps.sealingKey, token) : null,
      deps.clock.now(),
      onlyIfMissing,
    );
    // The same link may be shared with a rehearsal (or the event it rehearses): reload them all.
    await changed();
    return done;
  };
  const unseal = (row: LinkRow): string | null => {
    if (!row.sealed) return null;
    try {
      return unsealToken(deps.sealingKey, row.sealed);
    } catch {
      throw new LinksKeyMismatch();
    }
  };
  return {
    async reload() {
      rows = new Map((await deps.store.links(eventId)).map((row) => [row.entry_id, row]));
    },
    verify(token) {
      const entryId = entryOfToken(token);
      const hash = entryId ? rows.get(entryId)?.token_hash : null;
      return entryId && hash && tokenMatches(hash, token) ? entryId : null;
    },
    has: (entryId) => rows.has(entryId),
    async list(entryIds): Promise<JoinLink[]> {
      // Another node may issue the same missing link at the same moment: the first one stays.
      for (const entryId of entryIds) if (!rows.has(entryId)) await put(entryId, newToken(entryId), true);
      return entryIds.map((entryId) => ({ entryId, token: rows.has(entryId) ? unseal(rows.get(entryId)!) : null }));
    },
    async regenerate(entryId) {
      const token = newToken(entryId);
      await put(entryId, token);
      return token;
    },
    async revoke(entryId) {
      await put(entryId, null);
    },
  };
}

/** Loads every event, creating the first one on an empty database, and follows them from then on. */
export async function openClusterRegistry(deps: ClusterRegistryDeps) {
  const { store, clock, logger } = deps;
  await store.createSchema();
  await store.createFirstEvent(FIRST_EVENT, clock.now(), deps.seed());

  let rows = await store.events();
  let activeId = (await store.setting('active_event')) ?? FIRST_EVENT;
  const open = new Map<string, ClusterLiveEvent>();
  const switchListeners: ((event: LiveEventPort, previous: LiveEventPort) => void)[] = [];
  const linkListeners: ((eventId: string, entryId: string) => void)[] = [];
  const rehearsalOf = (id: string) => rows.find((row) => row.id === id)?.rehearsal_of ?? null;
  const reloadLinks = async () => {
    for (const event of open.values()) await event.links.reload();
  };

  async function openEvent(id: string): Promise<ClusterLiveEvent> {
    const existing = open.get(id);
    if (existing) return existing;
    const stored = await store.latestSnapshot(id);
    if (!stored) throw new StartupError(`Postgres: event "${id}" has no snapshot.\nFix: restore the database from a backup.`);
    let state: RollcallState;
    let lastNow = 0;
    try {
      state = decodeState(stored.state, `the snapshot of event "${id}" at version ${stored.version}`);
      for (const row of await store.recordsAfter(id, stored.version)) {
        const record = recordOf(id, row);
        state = replayRecord(state, record);
        lastNow = Math.max(lastNow, record.ctx.now);
      }
    } catch (error) {
      throw new StartupError(
        `Postgres: event "${id}" cannot be recovered: ${(error as Error).message}.\nFix: restore the database from a backup.`,
      );
    }
    const own = createClusterService({ state, lastNow }, { eventId: id, ...deps });
    const sourceId = rehearsalOf(id);
    const links = cachedLinks(id, deps, reloadLinks);
    await links.reload();
    const event: ClusterLiveEvent = {
      id,
      service: sourceId ? registeringInSource(own, sourceId) : own,
      links,
      journal: {
        records: async (from = 0): Promise<JournalRecord[]> => (await store.recordsAfter(id, from)).map((row) => recordOf(id, row)),
      },
    };
    open.set(id, event);
    return event;
  }

  /** As in the embedded registry: a city's registration during a rehearsal is kept by the real event too. */
  function registeringInSource(own: ClusterService, sourceId: string): ClusterService {
    return {
      ...own,
      async dispatch(actor, raw, needed) {
        const result = await own.dispatch(actor, raw, needed);
        if (actor.role !== 'participant' || (raw as { type?: unknown } | null)?.type !== 'entry.register') return result;
        const source = open.get(sourceId);
        const kept = source ? await source.service.dispatch(actor, raw) : result;
        return result.ok || !kept.ok ? result : { ok: true, version: own.state().version };
      },
    };
  }

  for (const { id } of rows) await openEvent(id);

  const switchTo = (id: string) => {
    const event = open.get(id);
    if (!event || id === activeId) return;
    const previous = open.get(activeId) ?? event;
    activeId = id;
    logger.info({ eventId: id, previousEventId: previous.id }, 'active event switched');
    for (const listener of switchListeners) {
      try {
        listener(event, previous);
      } catch (error) {
        logger.error({ err: error, eventId: id }, 'a listener failed on the event switch; the switch stands');
      }
    }
  };

  /** Events made or deleted elsewhere, and the active one: read again from Postgres. */
  async function refresh() {
    rows = await store.events();
    for (const { id } of rows) await openEvent(id);
    for (const id of open.keys()) if (!rows.some((row) => row.id === id)) open.delete(id);
    switchTo((await store.setting('active_event')) ?? FIRST_EVENT);
  }

  const list = (): EventSummary[] =>
    rows
      .filter(({ id }) => open.has(id))
      .map(({ id, rehearsal_of }) => eventSummary(id, open.get(id)!.service.state(), rehearsal_of, id === activeId));

  const registry = {
    active: (): ClusterLiveEvent => open.get(activeId) ?? open.get(FIRST_EVENT)!,
    activeId: () => activeId,
    get: (id: string): ClusterLiveEvent | null => open.get(id) ?? null,
    list,
    async createRehearsal(sourceId: string): Promise<RegistryResult<EventSummary> | null> {
      const source = open.get(sourceId);
      if (!source) return null;
      if (rehearsalOf(sourceId))
        return refuse('rehearsal_of_rehearsal', `${sourceId} is a rehearsal; make the rehearsal from the event it rehearses`);
      const s = source.service.state();
      const prefix = `${sourceId}-r`;
      const taken = rows.map((row) => (row.id.startsWith(prefix) ? Number(row.id.slice(prefix.length)) : 0));
      const counter = `rehearsals:${sourceId}`;
      const number = Math.max(Number((await store.setting(counter)) ?? 0), ...taken.filter(Number.isInteger)) + 1;
      const id = `${prefix}${number}`;
      await source.links.list(s.order); // every entry has a link to copy
      await store.createEvent(id, sourceId, [counter, String(number)], clock.now(), rehearsalCopy(s, sourceId, number, clock.now()));
      await refresh();
      return { ok: true, value: list().find((e) => e.id === id)! };
    },
    async remove(id: string): Promise<RegistryResult<null> | null> {
      if (!open.has(id)) return null;
      if (id === activeId) return refuse('event_active', `${id} is the active event; make another one active first`);
      if (!rehearsalOf(id)) return refuse('not_rehearsal', `${id} is not a rehearsal; only rehearsals can be deleted`);
      await store.deleteEvent(id);
      await refresh();
      return { ok: true, value: null };
    },
    async activate(id: string): Promise<boolean> {
      if (!open.has(id)) return false;
      await store.setSetting('active_event', id, true);
      switchTo(id);
      return true;
    },
    onSwitch(listener: (event: LiveEventPort, previous: LiveEventPort) => void) {
      switchListeners.push(listener);
    },
    /** Another node changed a link: this node's sockets holding the old one must go. */
    onLinkChanged(listener: (eventId: string, entryId: string) => void) {
      linkListeners.push(listener);
    },
    async checkpointAll() {
      for (const event of open.values()) await event.service.checkpoint();
    },
    /** What another node told: catch up a journal, reload links, or the events. */
    async heard(notice: Notice) {
      if (notice.kind === 'journal') return open.get(notice.eventId)?.service.catchUp();
      if (notice.kind === 'events') return refresh();
      await reloadLinks();
      for (const listener of linkListeners) listener(notice.eventId, notice.entryId);
    },
    /** The safety net under NOTIFY: everything read again, every journal caught up. */
    async poll() {
      await refresh();
      for (const event of open.values()) await event.service.catchUp();
    },
  } satisfies EventsPort & Record<string, unknown>;
  return registry;
}
export type ClusterRegistry = Awaited<ReturnType<typeof openClusterRegistry>>;
