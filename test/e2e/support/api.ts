// The few HTTP calls the tests make to set up a scene (never to check what the pages show).
import type { CommandBody } from '../../../lib/protocol';
import type { E2EServer } from './server';

export interface Link {
  entryId: string;
  name: string;
  token: string;
  url: string;
}

export interface ApiEntry {
  id: string;
  kind: 'guest' | 'city';
  name: string;
  nameEn: string;
  status: string;
  attendance: 'in_person' | 'online';
  presence: string;
}

async function call<T>(server: E2EServer, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json', ...init.headers },
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status}: ${body}`);
  return JSON.parse(body) as T;
}

export const getLinks = (server: E2EServer) => call<Link[]>(server, '/api/links');

/** Entries in running order, as GET /api/state reports them. */
export const getEntries = async (server: E2EServer) => (await call<{ entries: ApiEntry[] }>(server, '/api/state')).entries;

/** A command as the console would send it (typed, so a renamed field fails the typecheck). */
export const sendCommand = (server: E2EServer, command: CommandBody) =>
  call<{ version: number }>(server, '/api/commands', { method: 'POST', body: JSON.stringify(command) });
