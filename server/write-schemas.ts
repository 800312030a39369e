// `npm run schemas`: writes the JSON Schemas generated from lib/protocol.ts into docs/schemas/ (and
// removes files there that no schema makes any more). Commit the result; a test fails on drift.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { jsonSchemas, schemaText } from '../lib/json-schemas';

export const SCHEMAS_DIR = fileURLToPath(new URL('../docs/schemas/', import.meta.url));

const schemas = jsonSchemas();
mkdirSync(SCHEMAS_DIR, { recursive: true });
for (const file of readdirSync(SCHEMAS_DIR)) if (file.endsWith('.schema.json') && !(file in schemas)) rmSync(join(SCHEMAS_DIR, file));
for (const [file, schema] of Object.entries(schemas)) writeFileSync(join(SCHEMAS_DIR, file), schemaText(schema));
process.stdout.write(`wrote ${Object.keys(schemas).length} schemas to ${SCHEMAS_DIR}\n`);
