// The auth matrix: every command type x every kind of caller, over the HTTP API and over socket.io.
// Whatever the transport, exactly the moderator commands are the moderator's, a participant may only
// raise and clear its own entry's signal, and presence is the server's alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { RollcallState } from '../lib/model';
import { COMMAND_TYPES, commandSchema, type CommandType, type SnapshotMessage } from '../lib/protocol';
import type { RollcallServer } from '../server/app-server';
import { connect, open, refusedConnection, send, type Credentials } from './support/raw-sockets';
import { KEY, MODERATOR, bearer, NO_LIMITS, request, useRealServer, waitFor, type ClientSocket } from './support/real-server';

// ---- the commands -------------------------------------------------------------------------------

type CommandInput = z.input<typeof commandSchema>;
/** `entry`: the entry the command is about; `removable`: an entry nobody else uses. */
interface Targets {
  entry: string;
  removable: string;
}
/** One valid example per command type; the mapped type makes a missing or malformed one a type error. */
const EXAMPLES: { [K in CommandType]: (t: Targets) => Extract<CommandInput, { type: K }> } = {
  'session.start': () => ({ type: 'session.start' }),
  'session.pause': () => ({ type: 'session.pause' }),
  'session.resume': () => ({ type: 'session.resume' }),
  'session.finish': () => ({ type: 'session.finish' }),
  'speaker.next': () => ({ type: 'speaker.next' }),
  'speaker.start': (t) => ({ type: 'speaker.start', entryId: t.entry }),
  'speaker.stop': () => ({ type: 'speaker.stop' }),
  'speaker.extend': (t) => ({ type: 'speaker.extend', entryId: t.entry, seconds: 30 }),
  'queue.move': (t) => ({ type: 'queue.move', entryId: t.entry, index: 0 }),
  'queue.defer': (t) => ({ type: 'queue.defer', entryId: t.entry }),
  'entry.checkIn': (t) => ({ type: 'entry.checkIn', entryId: t.entry, present: true }),
  'entry.markAbsent': (t) => ({ type: 'entry.markAbsent', entryId: t.entry }),
  'entry.add': () => ({ type: 'entry.add', entry: { nameRu: 'Гость из Твери', kind: 'guest', allottedSeconds: 120 }, index: 3 }),
  'entry.update': (t) => ({ type: 'entry.update', entryId: t.entry, fields: { representative: 'Иванова Мария Петровна' } }),
  'entry.remove': (t) => ({ type: 'entry.remove', entryId: t.removable }),
  'entry.import': () => ({
    type: 'entry.import',
    mode: 'append',
    entries: [
      {
        kind: 'city',
        nameRu: 'Тверь',
        nameEn: 'Tver',
        country: 'RU',
        region: 'Тверская область',
        timeZone: 'Europe/Moscow',
        longitude: 35.9,
        representative: '',
        position: '',
        attendance: 'online',
        allottedSeconds: 180,
        practiceTitle: '',
        practiceSummary: '',
      },
    ],
  }),
  'entry.register': (t) => ({
    type: 'entry.register',
    entryId: t.entry,
    fields: { representative: 'Петрова Анна Сергеевна', attendance: 'online' },
  }),
  'entry.nominate': (t) => ({ type: 'entry.nominate', entryId: t.entry, nomination: 'За вовлечение студентов' }),
  'queue.order': () => ({ type: 'queue.order', by: 'longitude' }),
  'event.update': () => ({ type: 'event.update', fields: { warnSeconds: 20 } }),
  'message.send': (t) => ({ type: 'message.send', target: t.entry, text: 'Подключитесь, пожалуйста' }),
  'message.clear': (t) => ({ type: 'message.clear', target: t.entry }),
  'signal.send': (t) => ({ type: 'signal.send', kind: 'request_floor', entryId: t.entry }),
  'signal.clear': (t) => ({ type: 'signal.clear', entryId: t.entry }),
  'presence.set': (t) => ({ type: 'presence.set', entryId: t.entry, state: 'online' }),
  undo: () => ({ type: 'undo' }),
};

/**
 * The order the matrix sends commands in: a morning in which, for the moderator, every command it
 * may send actually succeeds. It must list every command type exactly once.
 */
const SEQUENCE: CommandType[] = [
  'entry.register',
  'entry.import',
  'queue.order',
  'session.start',
  'speaker.next',
  'speaker.extend',
  'speaker.stop',
  'speaker.start',
  'session.pause',
  'session.resume',
  'queue.move',
  'queue.defer',
  'entry.checkIn',
  'entry.markAbsent',
  'entry.add',
  'entry.update',
  'entry.remove',
  'event.update',
  'entry.nominate',
  'message.send',
  'message.clear',
  'signal.send',
  'signal.clear',
  'presence.set',
  'undo',
  'session.finish',
];

// ---- the callers --------------------------------------------------------------------------------

const ROLES = [
  'moderator',
  'participant-own-entry',
  'participant-other-entry',
  'viewer',
  'wrong-key',
  'regenerated-token',
  'revoked-token',
] as const;
type RoleName = (typeof ROLES)[number];

const OWN = 'yakutsk'; // the participant's entry
const OTHER_PARTICIPANT = 'tomsk'; // a participant acting on OWN, which is not its entry
const MODERATED = 'omsk'; // what the moderator's entry commands are about
const REMOVABLE = 'kaliningrad';
const REGENERATED = 'irkutsk';
const REVOKED = 'chita';

const TARGETS: Record<RoleName, Targets> = {
  moderator: { entry: MODERATED, removable: REMOVABLE },
  'participant-own-entry': { entry: OWN, removable: REMOVABLE },
  'participant-other-entry': { entry: OWN, removable: REMOVABLE },
  viewer: { entry: OWN, removable: REMOVABLE },
  'wrong-key': { entry: OWN, removable: REMOVABLE },
  'regenerated-token': { entry: REGENERATED, removable: REMOVABLE },
  'revoked-token': { entry: REVOKED, removable: REMOVABLE },
};

const NONE: ReadonlySet<CommandType> = new Set();
const ALLOWED: Record<RoleName, ReadonlySet<CommandType>> = {
  moderator: new Set(COMMAND_TYPES.filter((type) => type !== 'signal.send' && type !== 'presence.set')),
  'participant-own-entry': new Set<CommandType>(['signal.send', 'signal.clear', 'entry.register']),
  'participant-other-entry': NONE,
  viewer: NONE,
  'wrong-key': NONE,
  'regenerated-token': NONE,
  'revoked-token': NONE,
};

// ---- server and clients -------------------------------------------------------------------------

function useServer() {
  const server = useRealServer({
    tempPrefix: 'rollcall-auth-',
    // The matrix sends a few hundred requests from one address.
    limits: NO_LIMITS,
  });
  const ctx = Object.assign(server, { credentials: {} as Record<RoleName, Credentials> });
  beforeAll(async () => {
    const { server } = ctx;
    const order = server.service.state().order;
    const tokens = Object.fromEntries(server.links.list(order).map((l) => [l.entryId, l.token!]));
    const oldToken = tokens[REGENERATED]!;
    const revokedToken = tokens[REVOKED]!;
    expect((await request(ctx.url, 'POST', `/api/links/${REGENERATED}`, { auth: MODERATOR })).status).toBe(200);
    expect((await request(ctx.url, 'DELETE', `/api/links/${REVOKED}`, { auth: MODERATOR })).status).toBe(200);
    ctx.credentials = {
      moderator: { key: KEY },
      'participant-own-entry': { token: tokens[OWN]! },
      'participant-other-entry': { token: tokens[OTHER_PARTICIPANT]! },
      viewer: {},
      'wrong-key': { key: 'test-kez' },
      'regenerated-token': { token: oldToken },
      'revoked-token': { token: revokedToken },
    };
  });
  return ctx;
}

const bearerOf = (credentials: Credentials): string | undefined =>
  'key' in credentials ? bearer(credentials.key) : 'token' in credentials ? bearer(credentials.token) : undefined;

// ---- the matrix ---------------------------------------------------------------------------------

type Outcome = { ok: true } | { ok: false; code: string; reason: string; status?: number };

/** Allowed: accepted, or refused for a reason that is not about who is asking (nor a bad payload). */
function expectAllowed(outcome: Outcome, type: CommandType) {
  if (!outcome.ok) {
    expect(['unauthorized', 'forbidden'], `${type} was refused as ${outcome.code}`).not.toContain(outcome.code);
    expect(outcome.reason, `${type}: the example payload is invalid`).not.toBe('invalid_command');
  }
  // In this sequence every allowed command actually applies.
  expect(outcome, type).toEqual({ ok: true });
}

/** One cell of the matrix: what the caller got for `type`, and what it did to the state since `before`. */
function expectOutcome(
  server: RollcallServer,
  before: RollcallState,
  outcome: Outcome,
  type: CommandType,
  allowed: boolean,
  denial: { status?: number; code: string },
) {
  if (allowed && type === 'entry.register' && before.phase !== 'planned') {
    // Allowed for this role, but registration closes when the session starts.
    expect(outcome).toMatchObject({ ok: false, code: 'conflict', reason: 'registration_closed' });
  } else if (allowed) {
    expectAllowed(outcome, type);
    expect(server.service.state().version).toBe(before.version + 1);
  } else {
    expect(outcome).toMatchObject({ ok: false, ...denial });
    expect(server.service.state()).toBe(before);
  }
}

it('the examples cover every command type, are valid, and the sequence sends each once', () => {
  expect(new Set(SEQUENCE)).toEqual(new Set(COMMAND_TYPES));
  expect(SEQUENCE).toHaveLength(COMMAND_TYPES.length);
  for (const type of COMMAND_TYPES) {
    for (const role of ROLES) {
      const parsed = commandSchema.safeParse(EXAMPLES[type](TARGETS[role]));
      expect(parsed.success, `${type} for ${role}`).toBe(true);
    }
  }
});

describe('over the HTTP API', () => {
  const ctx = useServer();
  const denial: Record<RoleName, { status: number; code: string }> = {
    moderator: { status: 403, code: 'forbidden' },
    'participant-own-entry': { status: 403, code: 'forbidden' },
    'participant-other-entry': { status: 403, code: 'forbidden' },
    viewer: { status: 401, code: 'unauthorized' },
    'wrong-key': { status: 401, code: 'unauthorized' },
    'regenerated-token': { status: 401, code: 'unauthorized' },
    'revoked-token': { status: 401, code: 'unauthorized' },
  };

  const cell = async (role: RoleName, type: CommandType) => {
    const before = ctx.server.service.state();
    const reply = await request(ctx.url, 'POST', '/api/commands', {
      auth: bearerOf(ctx.credentials[role]),
      body: EXAMPLES[type](TARGETS[role]),
    });
    const outcome: Outcome =
      reply.status === 200
        ? { ok: true }
        : { ok: false, code: reply.body.error!.code, reason: reply.body.error!.reason, status: reply.status };
    expectOutcome(ctx.server, before, outcome, type, ALLOWED[role].has(type), denial[role]);
  };

  // The moderator's commands are a morning in order (each needs the one before); the others' cells
  // change nothing, or nothing another cell depends on, so each is a test of its own in any order.
  it('moderator: every command of a morning, in order, is allowed and applied', async () => {
    for (const type of SEQUENCE) await cell('moderator', type);
  });
  for (const role of ROLES.filter((r) => r !== 'moderator')) {
    describe(role, () => {
      for (const type of SEQUENCE) {
        const allowed = ALLOWED[role].has(type);
        it(`${type}: ${allowed ? 'allowed' : `${denial[role].status}`}`, () => cell(role, type));
      }
    });
  }
});

describe('over socket.io', () => {
  const ctx = useServer();

  for (const role of ['moderator', 'participant-own-entry', 'participant-other-entry', 'viewer'] as const) {
    describe(role, () => {
      let socket: ClientSocket;
      let snapshot: SnapshotMessage;
      beforeAll(async () => {
        ({ socket, snapshot } = await connect(ctx.server, ctx.credentials[role]));
      });
      afterAll(async () => {
        socket.close();
        // Let the server settle the participant's presence (reconnecting, then offline) before the
        // next role, so only the commands under test move the state.
        if (role.startsWith('participant')) {
          const entryId = role === 'participant-own-entry' ? OWN : OTHER_PARTICIPANT;
          await waitFor(`${entryId} offline`, () => ctx.server.service.state().connections[entryId]?.state === 'offline');
        }
      });

      it('connects with the matching role', () => {
        const expected = {
          moderator: ['moderator', null],
          'participant-own-entry': ['participant', OWN],
          'participant-other-entry': ['participant', OTHER_PARTICIPANT],
          viewer: ['viewer', null],
        }[role];
        expect([snapshot.role, snapshot.entryId]).toEqual(expected);
      });

      const cell = async (type: CommandType) => {
        const before = ctx.server.service.state();
        const result = await send(socket, EXAMPLES[type](TARGETS[role]));
        const outcome: Outcome = result.ok ? { ok: true } : { ok: false, code: result.error.code, reason: result.error.reason };
        expectOutcome(ctx.server, before, outcome, type, ALLOWED[role].has(type), { code: 'forbidden' });
        expect(socket.connected).toBe(true);
      };
      // As over HTTP: the moderator's morning in order, every other cell on its own.
      if (role === 'moderator') {
        it('every command of a morning, in order, is allowed and applied', async () => {
          for (const type of SEQUENCE) await cell(type);
        });
      } else {
        for (const type of SEQUENCE) it(`${type}: ${ALLOWED[role].has(type) ? 'allowed' : 'forbidden'}`, () => cell(type));
      }
    });
  }

  for (const role of ['wrong-key', 'regenerated-token', 'revoked-token'] as const) {
    it(`${role}: the handshake is refused as unauthorized and no command gets through`, async () => {
      const before = ctx.server.service.state();
      const socket = open(ctx.server, ctx.credentials[role]);
      const refused = refusedConnection(socket);
      // Commands a client queues while connecting are never delivered.
      const acks = SEQUENCE.map((type) =>
        socket
          .timeout(300)
          .emitWithAck('command', EXAMPLES[type](TARGETS[role]))
          .then(
            () => 'answered',
            () => 'no answer',
          ),
      );

      const error = await refused;
      expect(error.data?.code).toBe('unauthorized');
      expect(error.data?.message).toMatch(role === 'wrong-key' ? /moderator key/ : /link/);
      expect(await Promise.all(acks)).toEqual(SEQUENCE.map(() => 'no answer'));
      expect(socket.connected).toBe(false);
      expect(ctx.server.service.state()).toBe(before);
      socket.close();
    });
  }
});
