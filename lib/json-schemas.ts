// The published JSON Schemas (docs/schemas/), generated from the zod schemas with zod 4's
// `z.toJSONSchema`: what a command may be (as sent: fields with a default may be left out), what a
// snapshot, a view, a patch and its notices are, the /api/now object and a webhook delivery.
// `npm run schemas` writes them; a test fails when the checked-in files differ from these.
import { z } from 'zod';
import { commandSchema, nowSchema, webhookInputSchema, webhookPayloadSchema } from './protocol';
import { noticeSchema, patchSchema, snapshotSchema, viewSchema } from './message-schemas';

const BASE = 'https://rollcall.invalid/schemas/';

const SCHEMAS = {
  command: { schema: commandSchema, io: 'input', title: 'A command (POST /api/commands, socket `command`)' },
  snapshot: { schema: snapshotSchema, io: 'output', title: 'The socket `snapshot` message' },
  view: { schema: viewSchema, io: 'output', title: 'A view: what one kind of client sees of the state' },
  patch: { schema: patchSchema, io: 'output', title: 'The socket `patch` message' },
  notice: { schema: noticeSchema, io: 'output', title: 'A notice in a patch: what happened, for announcements' },
  now: { schema: nowSchema, io: 'output', title: 'GET /api/now, and each `now` message of /api/now/stream' },
  'webhook-input': { schema: webhookInputSchema, io: 'input', title: 'POST /api/webhooks: a webhook to register' },
  webhook: { schema: webhookPayloadSchema, io: 'output', title: 'The JSON body of a webhook delivery' },
} as const;

export type SchemaName = keyof typeof SCHEMAS;
export const SCHEMA_NAMES = Object.keys(SCHEMAS) as SchemaName[];

/** File name → the JSON Schema (draft 2020-12) it holds. */
export function jsonSchemas(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const name of SCHEMA_NAMES) {
    const { schema, io, title } = SCHEMAS[name];
    const json = z.toJSONSchema(schema, { io, target: 'draft-2020-12' });
    out[`${name}.schema.json`] = { $id: `${BASE}${name}.schema.json`, title, ...json };
  }
  return out;
}

/** A file's text exactly as `npm run schemas` writes it. */
export const schemaText = (schema: Record<string, unknown>) => `${JSON.stringify(schema, null, 2)}\n`;
