// The published JSON Schemas (docs/schemas/): the checked-in files are exactly what `npm run schemas`
// generates from the zod schemas, and they accept what a live session really sends: every snapshot
// and patch three kinds of clients received, every command sent, /api/now and webhook deliveries.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonSchemas, schemaText } from '../lib/json-schemas';
import { KEY, MODERATOR, NO_LIMITS, bearer, connected, useRealServer, waitFor } from './support/real-server';
import { startReceiver } from './support/webhook-receiver';

const DIR = fileURLToPath(new URL('../docs/schemas/', import.meta.url));
const checkedIn = (file: string) => JSON.parse(readFileSync(`${DIR}${file}`, 'utf8')) as Record<string, unknown>;

function validators() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const names = ['command', 'snapshot', 'view', 'patch', 'notice', 'now', 'webhook-input', 'webhook'] as const;
  const validate = Object.fromEntries(names.map((name) => [name, ajv.compile(checkedIn(`${name}.schema.json`))]));
  return (name: (typeof names)[number], value: unknown, label: string = name) => {
    const ok = validate[name]!(value);
    expect(ok, `${label}: ${ajv.errorsText(validate[name]!.errors)}`).toBe(true);
  };
}

describe('docs/schemas', () => {
  it('are exactly what `npm run schemas` generates from lib/protocol.ts (run it and commit after changing a schema)', () => {
    const generated = jsonSchemas();
    expect(
      readdirSync(DIR)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(Object.keys(generated).sort());
    for (const [file, schema] of Object.entries(generated)) {
      expect(readFileSync(`${DIR}${file}`, 'utf8'), `docs/schemas/${file} is out of date: run npm run schemas`).toBe(schemaText(schema));
    }
  });

  it('refuse what the server refuses: an unknown field, a missing one, a wrong type', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const command = ajv.compile(checkedIn('command.schema.json'));
    expect(command({ type: 'speaker.extend', seconds: 30 })).toBe(true);
    expect(command({ type: 'speaker.extend', seconds: 30, colour: 'red' })).toBe(false);
    expect(command({ type: 'speaker.start' })).toBe(false);
    expect(command({ type: 'speaker.extend', seconds: '30' })).toBe(false);
    expect(command({ type: 'speaker.dance' })).toBe(false);
    const now = ajv.compile(checkedIn('now.schema.json'));
    expect(now({ eventId: 'main' })).toBe(false);
  });
});

describe('a live session against the schemas', () => {
  const s = useRealServer({ tempPrefix: 'rollcall-schemas-', limits: NO_LIMITS });

  it('every snapshot, patch, command, /api/now answer and webhook delivery is valid', async () => {
    const check = validators();
    const receiver = await startReceiver();
    try {
      const hook = {
        url: receiver.url,
        events: ['turn.started', 'turn.ended', 'session.started', 'session.paused', 'session.resumed', 'session.finished', 'signal'],
      };
      check('webhook-input', hook);
      expect((await s.request('POST', '/api/webhooks', { auth: MODERATOR, body: hook })).status).toBe(201);
      const token = await s.tokenOf('magadan');
      const clients = [s.connect('moderator', { auth: { key: KEY } }), s.connect('screen'), s.connect('magadan', { auth: { token } })];
      await Promise.all(clients.map((c) => connected(c)));

      const commands: [Record<string, unknown>, string?][] = [
        [{ type: 'entry.register', fields: { representative: 'Петрова Анна', attendance: 'online' } }, bearer(token)],
        [{ type: 'entry.nominate', entryId: 'magadan', nomination: 'За вовлечение студентов' }],
        [{ type: 'session.start' }],
        [{ type: 'speaker.next', id: 'press-1' }],
        [{ type: 'speaker.extend', seconds: 30, expectedVersion: -1 }],
        [{ type: 'message.send', target: 'screens', text: 'Перерыв через 10 минут' }],
        [{ type: 'message.send', target: 'magadan', text: 'Вы следующие' }],
        [{ type: 'signal.send', kind: 'ready' }, bearer(token)],
        [{ type: 'speaker.start', entryId: 'magadan' }],
        [{ type: 'session.pause' }],
        [{ type: 'session.resume' }],
        [{ type: 'entry.add', entry: { nameRu: 'Тында', timeZone: 'Asia/Yakutsk' } }],
        [{ type: 'queue.move', entryId: 'khabarovsk', index: 3 }],
        [{ type: 'queue.defer', entryId: 'yuzhno-sakhalinsk' }],
        [{ type: 'entry.markAbsent', entryId: 'kaliningrad' }],
        [{ type: 'event.update', fields: { warnSeconds: 45 } }],
        [{ type: 'undo' }],
        [{ type: 'signal.clear', entryId: 'magadan' }],
        [{ type: 'message.clear' }],
        [{ type: 'speaker.next' }],
        [{ type: 'session.finish' }],
      ];
      for (const [command, auth] of commands) {
        // -1 stands for the version the console would have acted on: the latest.
        if (command.expectedVersion === -1) command.expectedVersion = s.server.service.state().version;
        check('command', command, command.type as string);
        const reply = await s.command(command, auth ?? MODERATOR);
        expect(reply.status, `${String(command.type)}: ${reply.text}`).toBe(200);
        check('now', (await s.request('GET', '/api/now')).body, `now after ${String(command.type)}`);
      }
      const last = s.server.service.state().version;
      await waitFor('every client to catch up', () =>
        clients.every(
          (c) =>
            c.view?.version ===
            s.server.visibleVersion(
              c.name === 'moderator'
                ? { role: 'moderator' }
                : c.name === 'screen'
                  ? { role: 'viewer' }
                  : { role: 'participant', entryId: 'magadan' },
            ),
        ),
      );
      expect(clients[0]!.view!.version).toBe(last);

      for (const client of clients) {
        expect(client.snapshots.length).toBeGreaterThan(0);
        expect(client.patches.length).toBeGreaterThan(3);
        client.snapshots.forEach((snapshot, i) => check('snapshot', snapshot, `${client.name} snapshot ${i}`));
        client.patches.forEach((patch, i) => check('patch', patch, `${client.name} patch ${i} (v${patch.version})`));
        check('view', client.view, `${client.name} view`);
      }
      const notices = clients.flatMap((c) => c.patches.flatMap((p) => p.notices));
      expect(new Set(notices.map((n) => n.type))).toEqual(new Set(['floor', 'phase', 'message', 'signal', 'undo']));
      notices.forEach((notice, i) => check('notice', notice, `notice ${i}`));

      await waitFor('the deliveries', () => receiver.received.some((r) => r.payload.type === 'session.finished'), 10_000);
      expect(new Set(receiver.received.map((r) => r.payload.type))).toEqual(new Set(hook.events));
      receiver.received.forEach((r) => check('webhook', r.payload, r.payload.id));
    } finally {
      await receiver.close();
    }
  });
});
