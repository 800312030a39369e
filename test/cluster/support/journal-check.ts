// What must hold after every cluster run, read from Postgres itself: every acknowledged command is in
// the journal exactly once at the version it was acknowledged with; versions run 1, 2, 3… without a
// gap; and replaying the journal from the demo round table gives the state every surviving node serves.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { RollcallState } from '../../../lib/model';
import { commandSchema } from '../../../lib/protocol';
import { initialState, parseRoundTable } from '../../../lib/seed';
import { commandContextSchema } from '../../../lib/state-schema';
import { apiState, type ApiState } from '../../../lib/view';
import { DEMO_FILE } from '../../../server/app-server';
import type { JournalRecord } from '../../../server/journal';
import { replayRecord } from '../../../server/rollcall-service';
import type { Acked } from './session';

/** The journal of one event as Postgres holds it, oldest first. */
export async function readJournal(databaseUrl: string, eventId: string): Promise<JournalRecord[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: number | string; client_key: string | null; command: unknown; ctx: unknown }>(
      'SELECT version, client_key, command, ctx FROM journal WHERE event_id = $1 ORDER BY version',
      [eventId],
    );
    // json/jsonb columns arrive parsed, text columns as strings.
    const json = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value);
    return rows.map((row) => ({
      version: Number(row.version),
      clientKey: row.client_key,
      command: commandSchema.parse(json(row.command)),
      ctx: commandContextSchema.parse(json(row.ctx)),
    }));
  } finally {
    await client.end();
  }
}

export function replay(records: readonly JournalRecord[]): RollcallState {
  const seed = initialState(parseRoundTable(JSON.parse(readFileSync(DEMO_FILE, 'utf8'))));
  return records.reduce(replayRecord, seed);
}

/** How many times each acknowledged command is in the journal, and at which versions. */
export function findAcked(records: readonly JournalRecord[], acked: readonly Acked[]) {
  return acked.map((a) => {
    const versions = records
      .filter((r) => {
        const command = r.command as { id?: string; text?: string };
        const m = a.marker;
        if ('id' in m) return command.id === m.id;
        if ('text' in m) return command.text === m.text;
        return r.version === a.version && r.command.type === m.type && r.ctx.actor.role === 'moderator';
      })
      .map((r) => r.version);
    return { acked: a, versions };
  });
}

/** Problems with the journal against what was acknowledged; empty when all is well. */
export function journalProblems(records: readonly JournalRecord[], acked: readonly Acked[]): string[] {
  const problems: string[] = [];
  records.forEach((r, i) => {
    if (r.version !== i + 1) problems.push(`the journal's record #${i + 1} has version ${r.version}`);
  });
  for (const { acked: a, versions } of findAcked(records, acked)) {
    const what = `${a.type} ${JSON.stringify(a.marker)} acknowledged at version ${a.version}`;
    if (versions.length !== 1) problems.push(`${what} is in the journal ${versions.length} times`);
    else if (versions[0] !== a.version) problems.push(`${what} is in the journal at version ${versions[0]}`);
  }
  return problems;
}

/** The node's /api/state against the replayed journal, at the node's own serverTime and viewer count. */
export function stateProblems(nodeId: string, served: ApiState, replayed: RollcallState): string[] {
  const expected = apiState(replayed, served.serverTime, { viewers: served.counts.viewers });
  if (JSON.stringify(served) === JSON.stringify(expected)) return [];
  const diff = Object.keys(expected).filter(
    (k) => JSON.stringify(served[k as keyof ApiState]) !== JSON.stringify(expected[k as keyof ApiState]),
  );
  return [`${nodeId} serves version ${served.version}; the journal replays to ${replayed.version}; they differ in ${diff.join(', ')}`];
}
