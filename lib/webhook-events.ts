// What a committed command means for the systems around the meeting (stream chat, a messenger, a
// vision mixer's automation): turns started and ended, the session's phases, a city's signal.
// Derived from the states before and after the command, so replaying the journal derives the same
// events with the same ids: the webhook outbox can always be rebuilt from the journal.
import type { Phase, RollcallState } from './model';
import type { Command } from './protocol';
import type { WebhookEventType, WebhookPayload } from './feed-schemas';
import { nowEntry } from './now';
import { openTurn, overtimeMs, spanMs, usedMs } from './time';

export interface WebhookSource {
  eventId: string;
  version: number;
  /** Server time of the command (its journaled context). */
  at: number;
  command: Command;
  prev: RollcallState;
  next: RollcallState;
}

const PHASE_EVENT: Record<Phase, WebhookEventType | null> = {
  planned: null,
  live: 'session.resumed',
  paused: 'session.paused',
  finished: 'session.finished',
};

export function webhookEventsOf(source: WebhookSource): WebhookPayload[] {
  const { eventId, version, at, command, prev, next } = source;
  const base = (type: WebhookEventType) => ({
    id: `${eventId}:${version}:${type}`,
    eventId,
    version,
    at,
    rehearsal: !!next.event.rehearsal,
  });
  const out: WebhookPayload[] = [];

  const endedId = prev.currentEntryId !== next.currentEntryId ? prev.currentEntryId : null;
  const ended = endedId ? next.entries[endedId] : undefined;
  if (ended) {
    const turn = ended.turns[ended.turns.length - 1];
    out.push({
      ...base('turn.ended'),
      type: 'turn.ended',
      entry: nowEntry(next, ended),
      turnMs: turn ? spanMs(turn, at) : 0,
      usedMs: usedMs(ended, at),
      overtimeMs: overtimeMs(ended, at),
      endedAt: turn?.endedAt ?? at,
    });
  }

  if (prev.phase !== next.phase) {
    const type = prev.phase === 'planned' && next.phase === 'live' ? 'session.started' : PHASE_EVENT[next.phase];
    if (type)
      out.push({ ...base(type), type, phase: next.phase, sessionElapsedMs: next.session ? spanMs(next.session, at) : 0 } as WebhookPayload);
  }

  const startedId = next.currentEntryId !== prev.currentEntryId ? next.currentEntryId : null;
  const started = startedId ? next.entries[startedId] : undefined;
  if (started) {
    out.push({
      ...base('turn.started'),
      type: 'turn.started',
      entry: nowEntry(next, started),
      startedAt: openTurn(started)?.startedAt ?? at,
    });
  }

  if (command.type === 'signal.send') {
    // The signal that changed: a participant's own (its actor), or the one the moderator named.
    const entryId = Object.keys(next.signals).find((id) => next.signals[id] !== prev.signals[id]);
    const entry = entryId ? next.entries[entryId] : undefined;
    const signal = entryId ? next.signals[entryId] : undefined;
    if (entry && signal) out.push({ ...base('signal'), type: 'signal', entry: nowEntry(next, entry), kind: signal.kind });
  }
  return out;
}
