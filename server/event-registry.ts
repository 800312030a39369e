// Several events in one data dir: the real round table, rehearsal copies, next year's. Each has its
// own journal and join links; one of them is active, and that one is what the screens and links show.
import type { EventSummary } from '../lib/api-schemas';
import type { Actor, RollcallState } from '../lib/model';
import type { CommandResult, RollcallError } from '../lib/protocol';
import type { RegistryResult } from './event-ports';
import { rehearsalCopy } from '../lib/rehearsal';
import type { CommitFeed } from './commit-feed';
import { createJoinLinks, type JoinLinks } from './credentials';
import { StartupError } from './data-dir';
import { createJournal, type Db, type Journal } from './journal';
import type { Logger } from './logger';
import type { Clock } from './clock';
import { recoverState, createRollcallService, type RollcallService } from './rollcall-service';

export interface LiveEvent {
  id: string;
  service: RollcallService;
  links: JoinLinks;
  journal: Journal;
}

export type { EventSummary };
export type { RegistryResult };
const refuse = (reason: string, message: string): { ok: false; error: RollcallError } => ({
  ok: false,
  error: { code: 'conflict', reason, message },
});

export interface EventRegistryDeps {
  db: Db;
  clock: Clock;
  sealingKey: Buffer;
  newId: () => string;
  /** Hears of the committed commands of every event (each record names its event). */
  feed: Pick<CommitFeed, 'publish'>;
  logger: Logger;
  /** The state a brand-new data dir starts with. */
  seed: () => RollcallState;
  /** Named in start-up errors: the database file. */
  dbFile?: string;
}

const FIRST_EVENT = 'main';

/** One line of the list of events, as both registries (embedded and cluster) give it. */
export function eventSummary(id: string, state: RollcallState, rehearsalOf: string | null, active: boolean): EventSummary {
  return {
    id,
    title: state.event.title,
    plannedStart: state.event.plannedStart,
    phase: state.phase,
    entries: state.order.length,
    registered: state.order.filter((entryId) => state.entries[entryId]?.registeredAt != null).length,
    rehearsalOf,
    active,
  };
}

export function createEventRegistry(deps: EventRegistryDeps) {
  const { db, clock } = deps;
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      id TEXT PRIMARY KEY,
      created_at INTEGER NOT NULL,
      rehearsal_of TEXT
    );
    CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `);
  const insertEvent = db.prepare('INSERT INTO events (id, created_at, rehearsal_of) VALUES (?, ?, ?)');
  const selectEvents = db.prepare('SELECT id, rehearsal_of FROM events ORDER BY created_at, id');
  type EventRow = { id: string; rehearsal_of: string | null };
  // Every message asks for the active event: the list is kept in memory and read again after each
  // change this registry makes (the only writer of the table).
  let rows: EventRow[] = [];
  const reloadRows = () => void (rows = selectEvents.all() as EventRow[]);
  const eventRows = () => rows;
  const getSetting = db.prepare('SELECT value FROM settings WHERE key = ?');
  const setSetting = db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
  const deleteEvent = ['journal', 'snapshots', 'join_links', 'events'].map((table) =>
    db.prepare(`DELETE FROM ${table} WHERE ${table === 'events' ? 'id' : 'event_id'} = ?`),
  );
  const copyLinks = db.prepare(
    'INSERT OR REPLACE INTO join_links (event_id, entry_id, token_hash, sealed, created_at) SELECT ?, entry_id, token_hash, sealed, created_at FROM join_links WHERE event_id = ?',
  );

  reloadRows();
  if (eventRows().length === 0) {
    insertEvent.run(FIRST_EVENT, clock.now(), null);
    reloadRows();
  }
  let activeId = (getSetting.get('active_event') as { value: string } | undefined)?.value ?? FIRST_EVENT;
  const open = new Map<string, LiveEvent>();
  const switchListeners: ((event: LiveEvent, previous: LiveEvent) => void)[] = [];

  const rehearsalOf = (id: string) => eventRows().find((row) => row.id === id)?.rehearsal_of ?? null;

  function openEvent(id: string, initial: () => RollcallState): LiveEvent {
    const existing = open.get(id);
    if (existing) return existing;
    const journal = createJournal(db, id);
    let recovered: RollcallState;
    try {
      recovered = recoverState(journal, initial);
    } catch (error) {
      // Damage is reported in words: which file, which event, which version; never a stack trace.
      throw new StartupError(
        `${deps.dbFile ?? 'the database'}: event "${id}" cannot be recovered: ${(error as Error).message}.\n` +
          `Fix: restore the data dir from a backup; \`npm run check -- --data-dir <dir>\` reports every problem it finds.`,
      );
    }
    const own = createRollcallService(recovered, { eventId: id, clock, journal, newId: deps.newId, feed: deps.feed, logger: deps.logger });
    const sourceId = rehearsalOf(id);
    const service = sourceId ? registeringInSource(own, sourceId) : own;
    const event: LiveEvent = { id, service, journal, links: createJoinLinks(db, id, deps.sealingKey, () => clock.now()) };
    open.set(id, event);
    return event;
  }

  /**
   * What a city registers through its link during a rehearsal belongs to the real event: the same
   * command goes through the real event's own dispatch too (validated, persisted there), so nothing
   * is lost when the real event is made active again. The rehearsal keeps its copy, so the moderator
   * sees it in either. The city hears "saved" when either event kept it.
   */
  function registeringInSource(own: RollcallService, sourceId: string): RollcallService {
    return {
      ...own,
      dispatch(actor: Actor, raw: unknown): CommandResult {
        const result = own.dispatch(actor, raw);
        if (actor.role !== 'participant' || (raw as { type?: unknown } | null)?.type !== 'entry.register') return result;
        const source = get(sourceId);
        const kept = source ? source.service.dispatch(actor, raw) : result;
        return result.ok || !kept.ok ? result : { ok: true, version: own.state().version };
      },
    };
  }

  const known = (id: string) => eventRows().some((row) => row.id === id);
  const get = (id: string): LiveEvent | null => {
    if (!known(id)) return null;
    return openEvent(id, () => {
      throw new Error(`event ${id} has no journal`);
    });
  };
  // The first event is seeded from the demo; every other one is created with its first snapshot.
  // All are opened now, so damage anywhere stops the start instead of a request later.
  openEvent(FIRST_EVENT, deps.seed);
  for (const { id } of eventRows()) get(id);

  function list(): EventSummary[] {
    return eventRows().map(({ id, rehearsal_of }) => {
      return eventSummary(id, get(id)!.service.state(), rehearsal_of, id === activeId);
    });
  }

  return {
    active: (): LiveEvent => get(activeId) ?? openEvent(FIRST_EVENT, deps.seed),
    activeId: () => activeId,
    get,
    list,
    /**
     * A rehearsal copy: the same list and settings with clean times (nobody has spoken), numbered and
     * dated the day it is made, and the same join links, so cities rehearse with the link they will
     * use on the day. A rehearsal is not rehearsed again: its registrations would have nowhere to go.
     */
    createRehearsal(sourceId: string): RegistryResult<EventSummary> | null {
      const source = get(sourceId);
      if (!source) return null;
      if (rehearsalOf(sourceId))
        return refuse('rehearsal_of_rehearsal', `${sourceId} is a rehearsal; make the rehearsal from the event it rehearses`);
      const s = source.service.state();
      // Numbers keep counting after a rehearsal is deleted (a counter in settings), so titles and ids are never reused.
      const prefix = `${sourceId}-r`;
      const taken = eventRows().map((row) => (row.id.startsWith(prefix) ? Number(row.id.slice(prefix.length)) : 0));
      const counter = `rehearsals:${sourceId}`;
      const made = Number((getSetting.get(counter) as { value: string } | undefined)?.value ?? 0);
      const number = Math.max(made, ...taken.filter(Number.isInteger)) + 1;
      const id = `${prefix}${number}`;
      try {
        db.transaction(() => {
          setSetting.run(counter, String(number));
          insertEvent.run(id, clock.now(), sourceId);
          reloadRows();
          source.links.list(s.order); // make sure every entry has a link to copy
          copyLinks.run(id, sourceId);
          openEvent(id, () => rehearsalCopy(s, sourceId, number, clock.now()));
        })();
      } finally {
        reloadRows(); // as committed, or as before if it rolled back
      }
      return { ok: true, value: list().find((e) => e.id === id)! };
    },
    /** Deletes a rehearsal with its journal and links; the active event and real events stay. */
    remove(id: string): RegistryResult<null> | null {
      if (!known(id)) return null;
      if (id === activeId) return refuse('event_active', `${id} is the active event; make another one active first`);
      if (!rehearsalOf(id)) return refuse('not_rehearsal', `${id} is not a rehearsal; only rehearsals can be deleted`);
      db.transaction(() => {
        for (const statement of deleteEvent) statement.run(id);
      })();
      reloadRows();
      open.delete(id);
      return { ok: true, value: null };
    },
    /** Makes an event the one the screens and links show; live clients are moved over by the listeners. */
    activate(id: string): boolean {
      const event = get(id);
      if (!event) return false;
      const previous = get(activeId) ?? event;
      activeId = id;
      setSetting.run('active_event', id);
      deps.logger.info({ eventId: id, previousEventId: previous.id }, 'active event switched');
      for (const listener of switchListeners) {
        try {
          listener(event, previous);
        } catch (error) {
          deps.logger.error({ err: error, eventId: id }, 'a listener failed on the event switch; the switch stands');
        }
      }
      return true;
    },
    onSwitch(listener: (event: LiveEvent, previous: LiveEvent) => void) {
      switchListeners.push(listener);
    },
    checkpointAll() {
      for (const event of open.values()) event.service.checkpoint();
    },
  };
}
export type EventRegistry = ReturnType<typeof createEventRegistry>;
