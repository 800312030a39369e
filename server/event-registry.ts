// Several events in one data dir: the real round table, rehearsal copies, next year's. Each has its
// own journal and join links; one of them is active, and that one is what the screens and links show.
import type { RollcallState } from '../lib/model';
import type { CommitFeed } from './commit-feed';
import { createJoinLinks, type JoinLinks } from './credentials';
import { StartupError } from './data-dir';
import { createJournal, type Db, type Journal } from './journal';
import type { Logger } from './logger';
import { recoverState, createRollcallService, type Clock, type RollcallService } from './rollcall-service';

export interface LiveEvent {
  id: string;
  service: RollcallService;
  links: JoinLinks;
  journal: Journal;
}

export interface EventSummary {
  id: string;
  title: string;
  plannedStart: string;
  phase: RollcallState['phase'];
  entries: number;
  rehearsalOf: string | null;
  active: boolean;
}

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
  const eventRows = () => db.prepare('SELECT id, rehearsal_of FROM events ORDER BY created_at, id').all() as { id: string; rehearsal_of: string | null }[];
  const getSetting = db.prepare('SELECT value FROM settings WHERE key = ?');
  const setSetting = db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
  const copyLinks = db.prepare(
    'INSERT OR REPLACE INTO join_links (event_id, entry_id, token_hash, sealed, created_at) SELECT ?, entry_id, token_hash, sealed, created_at FROM join_links WHERE event_id = ?',
  );

  if (eventRows().length === 0) insertEvent.run(FIRST_EVENT, clock.now(), null);
  let activeId = (getSetting.get('active_event') as { value: string } | undefined)?.value ?? FIRST_EVENT;
  const open = new Map<string, LiveEvent>();
  const switchListeners: ((event: LiveEvent, previous: LiveEvent) => void)[] = [];

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
    const service = createRollcallService(recovered, { eventId: id, clock, journal, newId: deps.newId, feed: deps.feed, logger: deps.logger });
    const event: LiveEvent = { id, service, journal, links: createJoinLinks(db, id, deps.sealingKey, () => clock.now()) };
    open.set(id, event);
    return event;
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
        const state = get(id)!.service.state();
        return {
          id,
          title: state.event.title,
          plannedStart: state.event.plannedStart,
          phase: state.phase,
          entries: state.order.length,
          rehearsalOf: rehearsal_of,
          active: id === activeId,
        };
    });
  }

  return {
    active: (): LiveEvent => get(activeId) ?? openEvent(FIRST_EVENT, deps.seed),
    activeId: () => activeId,
    get,
    list,
    /**
     * A rehearsal copy: the same list and settings with clean times (nobody has spoken), and the same
     * join links, so cities rehearse with the link they will use on the day.
     */
    createRehearsal(sourceId: string): EventSummary | null {
      const source = get(sourceId);
      if (!source) return null;
      const s = source.service.state();
      const id = `${sourceId}-r${eventRows().filter((row) => row.rehearsal_of === sourceId).length + 1}`;
      const entries = Object.fromEntries(
        Object.entries(s.entries).map(([entryId, e]) => [entryId, { ...e, status: 'waiting' as const, turns: [], extraMs: 0, checkedIn: false }]),
      );
      const copy: RollcallState = {
        ...s,
        version: 0,
        controlVersion: 0,
        event: { ...s.event, title: `${s.event.title} — репетиция`, titleEn: `${s.event.titleEn || s.event.title} — rehearsal` },
        phase: 'planned',
        session: null,
        entries,
        currentEntryId: null,
        messages: [],
        connections: {},
        signals: {},
        undo: [],
      };
      db.transaction(() => {
        insertEvent.run(id, clock.now(), sourceId);
        source.links.list(s.order); // make sure every entry has a link to copy
        copyLinks.run(id, sourceId);
        openEvent(id, () => copy);
      })();
      return list().find((e) => e.id === id) ?? null;
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
