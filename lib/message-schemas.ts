// The socket messages a client receives, as zod schemas: the view, a snapshot, a patch and its
// notices. The TypeScript types in lib/protocol.ts are what the code uses; the checks at the end of
// this file fail to compile when the two drift apart. They exist for the published JSON Schemas
// (docs/schemas/, npm run schemas), which outside clients validate against.
import { z } from 'zod';
import { PHASES } from './model';
import type { Headcount, Notice, PatchMessage, SnapshotMessage, View } from './protocol';
import { controlFields, entrySchema, stateFields } from './state-schema';

export const noticeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('floor'), entryId: z.string().nullable(), previousId: z.string().nullable() }),
  z.object({ type: z.literal('phase'), phase: z.enum(PHASES) }),
  z.object({ type: z.literal('message'), target: z.string(), text: z.string() }),
  z.object({ type: z.literal('signal'), entryId: z.string(), kind: z.string() }),
  z.object({ type: z.literal('undo'), command: z.string() }),
]);

const viewFields = {
  ...controlFields,
  ...stateFields,
  controlVersion: stateFields.controlVersion.optional(),
  undoDepth: z.number().int().min(0),
  onlineCount: z.number().int().min(0).optional(),
};
export const viewSchema = z.object({ ...viewFields, entries: z.record(z.string(), entrySchema) });

export const headcountSchema = z.object({ viewers: z.number().int(), participants: z.number().int(), moderators: z.number().int() });

export const snapshotSchema = z.object({
  protocol: z.number().int(),
  eventId: z.string(),
  role: z.enum(['moderator', 'participant', 'viewer']),
  entryId: z.string().nullable(),
  serverTime: z.number(),
  view: viewSchema,
  headcount: headcountSchema.optional(),
});

export const patchSchema = z.object({
  baseVersion: z.number().int().min(0),
  version: z.number().int().min(0),
  serverTime: z.number(),
  set: z.object(viewFields).partial(),
  entries: z.record(z.string(), entrySchema),
  removed: z.array(z.string()),
  notices: z.array(noticeSchema),
});

// ---- the schemas and the protocol's types say the same -------------------------------------------
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type SchemasMatchProtocol = [
  Assert<Same<z.infer<typeof viewSchema>, View>>,
  Assert<Same<z.infer<typeof snapshotSchema>, SnapshotMessage>>,
  Assert<Same<z.infer<typeof patchSchema>, PatchMessage>>,
  Assert<Same<z.infer<typeof noticeSchema>, Notice>>,
  Assert<Same<z.infer<typeof headcountSchema>, Headcount>>,
];
