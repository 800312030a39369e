// The roll call reducer: (state, command, {now, actor, newId}) -> new state and notices, or a typed
// error. Pure: no clock, no randomness, no I/O, so the server can replay its journal exactly.
import { MAX_MESSAGES, UNDO_DEPTH, type ControlState, type Entry, type EntryStatus, type RollcallState } from './model';
import { authorize } from './permissions';
import { MAX_ENTRIES, type Command, type CommandContext, type RollcallError, type Notice } from './protocol';
import { geographicOrder, keepRegistrations, newEntry, updateEntry, updateEvent } from './entry-changes';
import { entryFromFields, entryIds } from './seed';
import { mayCallNext, mayDefer, mayGiveFloor, mayMarkAbsent, mayUndefer, nextInLine } from './queue';
import { closeSpan, openSpan, openTurn, pauseSpan, resumeSpan } from './time';

export type ReduceResult = { ok: true; state: RollcallState; notices: Notice[] } | { ok: false; error: RollcallError };

type Step = { ok: true; state: RollcallState; notices: Notice[] } | { ok: false; error: RollcallError };

const conflict = (reason: string, message: string): Step => ({ ok: false, error: { code: 'conflict', reason, message } });
const badRequest = (reason: string, message: string): Step => ({ ok: false, error: { code: 'bad_request', reason, message } });
const done = (state: RollcallState, notices: Notice[] = []): Step => ({ ok: true, state, notices });

export function reduce(state: RollcallState, command: Command, ctx: CommandContext): ReduceResult {
  const denied = authorize(ctx.actor, command);
  if (denied) return { ok: false, error: denied };
  const step = apply(state, command, ctx);
  if (!step.ok) return step;
  const version = state.version + 1;
  let next: RollcallState = { ...step.state, version };
  if (ctx.actor.role === 'moderator') {
    next.controlVersion = version;
    if (command.type !== 'undo' && controlChanged(state, next)) {
      const frame = { command: command.type, at: ctx.now, control: controlOf(state) };
      next = { ...next, undo: [...state.undo, frame].slice(-UNDO_DEPTH) };
    }
  }
  return { ok: true, state: next, notices: step.notices };
}

export function controlOf(state: ControlState): ControlState {
  const { event, phase, session, entries, order, currentEntryId, messages } = state;
  return { event, phase, session, entries, order, currentEntryId, messages };
}

const CONTROL_KEYS = ['event', 'phase', 'session', 'entries', 'order', 'currentEntryId', 'messages'] as const;

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Entries compare one by one, so only the few a command touched are serialised. */
function sameEntries(a: ControlState['entries'], b: ControlState['entries']): boolean {
  if (a === b) return true;
  const ids = Object.keys(a);
  if (ids.length !== Object.keys(b).length) return false;
  return ids.every((id) => id in b && sameJson(a[id], b[id]));
}

/** True when a command really changed what undo restores; a no-op (re-checking in) leaves no undo step. */
function controlChanged(a: ControlState, b: ControlState): boolean {
  return CONTROL_KEYS.some((key) => (key === 'entries' ? !sameEntries(a.entries, b.entries) : !sameJson(a[key], b[key])));
}

function apply(state: RollcallState, command: Command, ctx: CommandContext): Step {
  const { now } = ctx;
  switch (command.type) {
    case 'session.start': {
      if (state.phase !== 'planned') return conflict('session_already_started', `the session is already ${state.phase}`);
      return done({ ...state, phase: 'live', session: openSpan(now) }, [{ type: 'phase', phase: 'live' }]);
    }
    case 'session.pause': {
      if (state.phase !== 'live') return conflict('session_not_live', `cannot pause: the session is ${state.phase}`);
      const paused = mapOpenTurn(state, (turn) => pauseSpan(turn, now));
      return done({ ...paused, phase: 'paused', session: state.session && pauseSpan(state.session, now) }, [
        { type: 'phase', phase: 'paused' },
      ]);
    }
    case 'session.resume': {
      if (state.phase !== 'paused') return conflict('session_not_paused', `cannot resume: the session is ${state.phase}`);
      const resumed = mapOpenTurn(state, (turn) => resumeSpan(turn, now));
      return done({ ...resumed, phase: 'live', session: state.session && resumeSpan(state.session, now) }, [
        { type: 'phase', phase: 'live' },
      ]);
    }
    case 'session.finish': {
      if (state.phase !== 'live' && state.phase !== 'paused')
        return conflict('session_not_live', `cannot finish: the session is ${state.phase}`);
      const ended = endTurn(state, now, 'done');
      const notices: Notice[] = [{ type: 'phase', phase: 'finished' }];
      if (state.currentEntryId) notices.unshift({ type: 'floor', entryId: null, previousId: state.currentEntryId });
      return done({ ...ended, phase: 'finished', session: state.session && closeSpan(state.session, now) }, notices);
    }
    case 'speaker.next': {
      const notLive = requireLive(state);
      if (notLive) return notLive;
      if (!mayCallNext(state)) return conflict('queue_empty', 'nobody is left in the queue');
      return giveFloor(endTurn(state, now, 'done'), nextInLine(state), now, state.currentEntryId);
    }
    case 'speaker.start': {
      const notLive = requireLive(state);
      if (notLive) return notLive;
      const missing = requireEntry(state, command.entryId);
      if (missing) return missing;
      if (!mayGiveFloor(state, command.entryId)) return conflict('already_speaking', `${command.entryId} already has the floor`);
      return giveFloor(endTurn(state, now, 'done'), command.entryId, now, state.currentEntryId);
    }
    case 'speaker.stop': {
      if (!state.currentEntryId) return conflict('no_speaker', 'nobody has the floor');
      return done(endTurn(state, now, 'done'), [{ type: 'floor', entryId: null, previousId: state.currentEntryId }]);
    }
    case 'speaker.extend': {
      const targetId = command.entryId ?? state.currentEntryId;
      if (!targetId) return conflict('no_speaker', 'nobody has the floor; name an entryId to extend');
      const missing = requireEntry(state, targetId);
      if (missing) return missing;
      const entry = state.entries[targetId]!;
      const extraMs = entry.extraMs + command.seconds * 1000;
      if (entry.allottedMs + extraMs < 0) return badRequest('allotment_negative', 'seconds: would make the allotment negative');
      return done(putEntry(state, { ...entry, extraMs }));
    }
    case 'queue.move': {
      const missing = requireEntry(state, command.entryId);
      if (missing) return missing;
      if (command.index >= state.order.length) return badRequest('index_out_of_range', `index: must be at most ${state.order.length - 1}`);
      const order = state.order.filter((id) => id !== command.entryId);
      order.splice(command.index, 0, command.entryId);
      return done({ ...state, order });
    }
    case 'queue.defer':
      return defer(state, command.entryId, command.deferred, now);
    case 'entry.checkIn': {
      const missing = requireEntry(state, command.entryId);
      if (missing) return missing;
      const entry = state.entries[command.entryId]!;
      const status: EntryStatus = command.present && entry.status === 'absent' ? 'waiting' : entry.status;
      return done(putEntry(state, { ...entry, checkedIn: command.present, status }));
    }
    case 'entry.markAbsent': {
      const missing = requireEntry(state, command.entryId);
      if (missing) return missing;
      const entry = state.entries[command.entryId]!;
      if (!command.absent) {
        if (entry.status !== 'absent') return conflict('not_absent', `${entry.id} is not marked absent`);
        return done(putEntry(state, { ...entry, status: 'waiting' }));
      }
      if (!mayMarkAbsent(entry)) {
        return entry.status === 'speaking'
          ? conflict('entry_speaking', `${entry.id} has the floor; stop the turn first`)
          : conflict('already_spoken', `${entry.id} has already spoken`);
      }
      return done(putEntry(state, { ...entry, status: 'absent', checkedIn: false }));
    }
    case 'entry.add': {
      if (state.order.length >= MAX_ENTRIES) return conflict('too_many_entries', `at most ${MAX_ENTRIES} entries`);
      if (state.entries[ctx.newId]) return conflict('duplicate_id', `an entry ${ctx.newId} already exists`);
      const entry = newEntry(ctx.newId, command.entry, state.event);
      const index = Math.min(command.index ?? state.order.length, state.order.length);
      const order = [...state.order];
      order.splice(index, 0, entry.id);
      return done({ ...state, entries: { ...state.entries, [entry.id]: entry }, order });
    }
    case 'entry.update': {
      const missing = requireEntry(state, command.entryId);
      if (missing) return missing;
      if (Object.keys(command.fields).length === 0) return badRequest('nothing_to_update', 'fields: nothing to update');
      return done(putEntry(state, updateEntry(state.entries[command.entryId]!, command.fields)));
    }
    case 'entry.remove': {
      const missing = requireEntry(state, command.entryId);
      if (missing) return missing;
      if (state.currentEntryId === command.entryId)
        return conflict('entry_speaking', `${command.entryId} has the floor; stop the turn first`);
      const { [command.entryId]: _removed, ...entries } = state.entries;
      const { [command.entryId]: _signal, ...signals } = state.signals;
      return done({
        ...state,
        entries,
        signals,
        order: state.order.filter((id) => id !== command.entryId),
        messages: state.messages.filter((m) => m.target !== command.entryId),
      });
    }
    case 'entry.import': {
      if (command.mode === 'replace' && state.phase !== 'planned') {
        return conflict('session_started', 'the list can only be replaced before the session starts');
      }
      const keep = command.mode === 'append' ? state.order : [];
      if (keep.length + command.entries.length > MAX_ENTRIES) return conflict('too_many_entries', `at most ${MAX_ENTRIES} entries`);
      const ids = entryIds(command.entries, keep);
      const entries: Record<string, Entry> = command.mode === 'append' ? { ...state.entries } : {};
      command.entries.forEach((fields, i) => (entries[ids[i]!] = entryFromFields(ids[i]!, fields)));
      const order = [...keep, ...ids];
      return done({
        ...state,
        entries,
        order,
        messages: state.messages.filter((m) => m.target in entries || m.target === 'speaker' || m.target === 'screens'),
      });
    }
    case 'entry.register': {
      const entryId = ctx.actor.role === 'participant' ? ctx.actor.entryId : command.entryId;
      if (!entryId) return badRequest('entry_required', 'entryId: required');
      const missing = requireEntry(state, entryId);
      if (missing) return missing;
      if (state.phase !== 'planned') return conflict('registration_closed', 'registration is closed once the session has started');
      return done(putEntry(state, { ...state.entries[entryId]!, ...command.fields, registeredAt: now }));
    }
    case 'entry.nominate': {
      const missing = requireEntry(state, command.entryId);
      if (missing) return missing;
      return done(putEntry(state, { ...state.entries[command.entryId]!, nomination: command.nomination }));
    }
    case 'queue.order':
      return done({ ...state, order: geographicOrder(state, command.by, now) });
    case 'event.update': {
      if (Object.keys(command.fields).length === 0) return badRequest('nothing_to_update', 'fields: nothing to update');
      return done({ ...state, event: updateEvent(state.event, command.fields) });
    }
    case 'message.send': {
      const { target, text } = command;
      if (target !== 'speaker' && target !== 'screens') {
        const missing = requireEntry(state, target, 'target');
        if (missing) return missing;
      }
      const message = { id: ctx.newId, target, text, sentAt: now };
      const messages = [...state.messages.filter((m) => m.target !== target), message].slice(-MAX_MESSAGES);
      return done({ ...state, messages }, [{ type: 'message', target, text }]);
    }
    case 'message.clear': {
      const messages = command.target ? state.messages.filter((m) => m.target !== command.target) : [];
      return done(messages.length === state.messages.length ? state : { ...state, messages });
    }
    case 'signal.send': {
      const entryId = ctx.actor.role === 'participant' ? ctx.actor.entryId : command.entryId;
      if (!entryId) return badRequest('entry_required', 'entryId: required');
      const missing = requireEntry(state, entryId);
      if (missing) return missing;
      const signals = { ...state.signals, [entryId]: { kind: command.kind, at: now } };
      return done({ ...state, signals }, [{ type: 'signal', entryId, kind: command.kind }]);
    }
    case 'signal.clear': {
      const entryId = ctx.actor.role === 'participant' ? ctx.actor.entryId : command.entryId;
      if (!entryId) return badRequest('entry_required', 'entryId: required');
      const { [entryId]: _cleared, ...signals } = state.signals;
      return done({ ...state, signals });
    }
    case 'presence.set': {
      const missing = requireEntry(state, command.entryId);
      if (missing) return missing;
      if (state.connections[command.entryId]?.state === command.state) return done(state);
      const connections = { ...state.connections, [command.entryId]: { state: command.state, since: now } };
      return done({ ...state, connections });
    }
    case 'undo': {
      const frame = state.undo[state.undo.length - 1];
      if (!frame) return conflict('nothing_to_undo', 'there is nothing to undo');
      const control = { ...frame.control, entries: keepRegistrations(frame.control.entries, state.entries) };
      return done({ ...state, ...control, undo: state.undo.slice(0, -1) }, [{ type: 'undo', command: frame.command }]);
    }
    default:
      return command satisfies never;
  }
}

function requireLive(state: RollcallState): Step | null {
  switch (state.phase) {
    case 'live':
      return null;
    case 'planned':
      return conflict('session_not_started', 'the session has not started');
    case 'paused':
      return conflict('session_paused', 'the session is paused; resume it first');
    case 'finished':
      return conflict('session_finished', 'the session has finished');
    default:
      return state.phase satisfies never;
  }
}

function requireEntry(state: RollcallState, entryId: string, field = 'entryId'): Step | null {
  return state.entries[entryId] ? null : badRequest('unknown_entry', `${field}: no entry "${entryId}"`);
}

function putEntry(state: RollcallState, entry: Entry): RollcallState {
  return { ...state, entries: { ...state.entries, [entry.id]: entry } };
}

function mapOpenTurn(state: RollcallState, fn: (turn: Entry['turns'][number]) => Entry['turns'][number]): RollcallState {
  const entry = state.currentEntryId ? state.entries[state.currentEntryId] : undefined;
  const turn = entry && openTurn(entry);
  if (!entry || !turn) return state;
  return putEntry(state, { ...entry, turns: [...entry.turns.slice(0, -1), fn(turn)] });
}

/** Closes the current speaker's turn and leaves them with `status`; the floor becomes empty. */
function endTurn(state: RollcallState, now: number, status: EntryStatus): RollcallState {
  if (!state.currentEntryId) return state;
  const closed = mapOpenTurn(state, (turn) => closeSpan(turn, now));
  const entry = closed.entries[state.currentEntryId]!;
  // A message for "the speaker" was for this speaker; the next one must not inherit it.
  const messages = closed.messages.some((m) => m.target === 'speaker')
    ? closed.messages.filter((m) => m.target !== 'speaker')
    : closed.messages;
  return { ...putEntry(closed, { ...entry, status }), currentEntryId: null, messages };
}

function giveFloor(state: RollcallState, entryId: string | null, now: number, previousId: string | null): Step {
  const notices: Notice[] = [{ type: 'floor', entryId, previousId }];
  if (!entryId) return done(state, notices);
  const entry = state.entries[entryId]!;
  const turn = openSpan(now, state.phase === 'paused');
  return done({ ...putEntry(state, { ...entry, status: 'speaking', turns: [...entry.turns, turn] }), currentEntryId: entryId }, notices);
}

function defer(state: RollcallState, entryId: string, deferred: boolean, now: number): Step {
  const missing = requireEntry(state, entryId);
  if (missing) return missing;
  const entry = state.entries[entryId]!;
  if (!deferred) {
    if (!mayUndefer(entry)) return conflict('not_deferred', `${entryId} is not deferred`);
    return done(putEntry(state, { ...entry, status: 'waiting' }));
  }
  if (!mayDefer(entry)) {
    return conflict('cannot_defer', `${entryId} is ${entry.status} and cannot be deferred`);
  }
  // "Return later" sends the entry to the end of the running order, so deferred entries come back
  // in the order they were deferred.
  const wasSpeaking = entry.status === 'speaking';
  const ended = wasSpeaking ? endTurn(state, now, 'deferred') : putEntry(state, { ...entry, status: 'deferred' });
  const moved = { ...ended, order: [...ended.order.filter((id) => id !== entryId), entryId] };
  if (!wasSpeaking) return done(moved);
  // Deferring the speaker moves on to the next in line, as "next" would (only while live).
  const nextId = moved.phase === 'live' ? nextInLine({ ...moved, order: moved.order.filter((id) => id !== entryId) }) : null;
  return giveFloor(moved, nextId, now, entryId);
}
