// A real Rollcall server for tests (HTTP API and socket.io, no pages): `useRealServer` starts
// `startRollcallServer` on port 0 in a fresh temp dir before the enclosing describe block (or file)
// and closes it and removes the dir afterwards. Next to it, the small helpers every server test
// needs: HTTP requests with a bearer, waiting with a timeout, and socket.io clients that keep their
// view up to date.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type {
  ActiveEventMessage,
  Headcount,
  ClientToServer,
  CommandResult,
  PatchMessage,
  ServerToClient,
  SnapshotMessage,
  SyncReply,
  View,
} from '../../lib/protocol';
import { applyPatch, type ApiState } from '../../lib/view';
import { startRollcallServer, type RollcallServer, type RollcallServerOptions } from '../../server/app-server';
import type { LimitsOverride } from '../../server/limits';
import { FakeTime } from './fake-time';

/** The moderator key every test server is started with, and the Authorization header that carries it. */
export const KEY = 'test-key';
export const bearer = (secret: string) => `Bearer ${secret}`;
export const MODERATOR = bearer(KEY);
/** Where a fake clock starts: the demo round table's planned start. */
export const T0 = Date.parse('2026-12-10T10:00:00+03:00');
/** For tests that send hundreds of requests from one address or link (the limits have tests of their own). */
const PLENTY = { capacity: 10_000, perSecond: 10_000 };
export const NO_LIMITS: LimitsOverride = {
  moderator: { commands: PLENTY, reads: PLENTY },
  link: { commands: PLENTY, reads: PLENTY, connects: PLENTY },
  ip: { reads: PLENTY, connects: PLENTY, pages: PLENTY, assets: PLENTY },
};

// ---- waiting ------------------------------------------------------------------------------------

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something truthy; fails with `what` after the deadline. */
export async function waitFor<T>(what: string, check: () => T | null | undefined | false, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** The next `name` the server emits (or the client raises: `connect_error`) on `socket`, or a rejection after `timeoutMs`. */
export function nextEmitted<T = unknown>(socket: ClientSocket, name: string, timeoutMs = 3000): Promise<T> {
  const s = socket as unknown as Socket;
  return new Promise<T>((resolve, reject) => {
    const listener = (arg: T) => {
      clearTimeout(timer);
      resolve(arg);
    };
    const timer = setTimeout(() => {
      s.off(name, listener);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for "${name}"`));
    }, timeoutMs);
    s.once(name, listener);
  });
}

// ---- temp dirs ----------------------------------------------------------------------------------

export const newTempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

// ---- HTTP ---------------------------------------------------------------------------------------

export interface Reply {
  status: number;
  headers: Headers;
  /** Raw bytes: fetch's text() would silently drop a BOM. */
  bytes: Uint8Array;
  /** UTF-8 text, BOM kept. */
  text: string;
  /** The parsed JSON, or the text when it is not JSON (a CSV, Markdown, the plain 404 outside /api). */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface RequestOptions {
  /** The whole Authorization header, e.g. `bearer(token)`; none when undefined. */
  auth?: string;
  /** Sent as JSON, with a JSON content type unless `headers` name another. */
  body?: unknown;
  /** Sent as is. */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

export async function request(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth !== undefined) headers.authorization = options.auth;
  let body: string | Uint8Array | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body as BodyInit | undefined });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, bytes, text, body: parsed };
}

// ---- socket clients -----------------------------------------------------------------------------

/**
 * The tests' sockets send whatever a test hands them, well-formed or not: the server parses every
 * argument, and the tests check that it does.
 */
export interface RawClientToServer {
  command: (payload: unknown, ack: (result: CommandResult) => void) => void;
  sync: (payload: unknown, ack: (result: SyncReply) => void) => void;
  time: ClientToServer['time'];
}
export type ClientSocket = Socket<ServerToClient, RawClientToServer>;
export type SocketClientOptions = Partial<ManagerOptions & SocketOptions>;

/** A bare socket over the websocket transport that does not reconnect by itself. */
export function openSocket(url: string, options: SocketClientOptions = {}): ClientSocket {
  return io(url, { transports: ['websocket'], forceNew: true, reconnection: false, ...options });
}

/** A client that records what it hears and keeps its view up to date by applying patches. */
export interface Client {
  name: string;
  socket: ClientSocket;
  snapshots: SnapshotMessage[];
  patches: PatchMessage[];
  headcounts: Headcount[];
  /** Reasons of every disconnect, in order. */
  disconnects: string[];
  /** `activeEvent` messages (the moderator switched events). */
  switches: ActiveEventMessage[];
  /** Reasons of `revoked` messages. */
  revocations: string[];
  view: View | null;
  /** Patches that did not follow the client's version (a gap: the view would be wrong). */
  gaps: string[];
}

export type ClientOptions = SocketClientOptions;

export function connectClient(url: string, name: string, options: ClientOptions = {}): Client {
  const socket = openSocket(url, { autoConnect: false, ...options });
  const client: Client = {
    name,
    socket,
    snapshots: [],
    patches: [],
    headcounts: [],
    disconnects: [],
    switches: [],
    revocations: [],
    view: null,
    gaps: [],
  };
  socket.on('snapshot', (msg) => {
    client.snapshots.push(msg);
    client.view = msg.view;
  });
  socket.on('patch', (msg) => {
    client.patches.push(msg);
    const next = client.view && applyPatch(client.view, msg);
    if (next) client.view = next;
    else client.gaps.push(`${name}: patch ${msg.baseVersion}->${msg.version} on view ${client.view?.version ?? 'none'}`);
  });
  socket.on('headcount', (msg) => client.headcounts.push(msg));
  socket.on('activeEvent', (msg) => client.switches.push(msg));
  socket.on('revoked', (msg) => client.revocations.push(msg.reason));
  socket.on('disconnect', (reason) => client.disconnects.push(reason));
  socket.connect();
  return client;
}

/** The client's first snapshot, once it has it. */
export async function connected(client: Client, timeoutMs = 3000): Promise<SnapshotMessage> {
  return waitFor(`${client.name} to receive its snapshot`, () => client.snapshots[0], timeoutMs);
}

// ---- the server ---------------------------------------------------------------------------------

export interface RealServerOptions extends Partial<RollcallServerOptions> {
  /**
   * Run the server on a clock that starts at T0 and moves only with `advance()`, whose timers (the
   * reconnect grace, coalescing, refusal delays) fire as it passes them; otherwise the real ones.
   */
  fakeClock?: boolean;
  /** Prefix of the temp data dir. */
  tempPrefix?: string;
  /**
   * 'each': a fresh server (data dir, clock) for every test of the block, so each starts from the
   * demo round table whatever ran before it; 'all' (the default): one server for the whole block.
   */
  fresh?: 'all' | 'each';
  /** What `refused()` checks besides the status, the code, the message and an unmoved version. */
  refusedAlsoChecks?: { reasonIsText?: boolean; entriesUnchanged?: boolean };
}

/**
 * A real server in a fresh temp dir for the enclosing describe block (moderator key KEY, reconnect
 * grace 200 ms unless `options` say otherwise). `restart()` closes it and starts another on the same
 * data dir, options and clock; clients from `connect()` are disconnected before the server closes.
 */
export function useRealServer({
  fakeClock = false,
  tempPrefix = 'rollcall-test-',
  fresh = 'all',
  refusedAlsoChecks = {},
  ...options
}: RealServerOptions = {}) {
  const clients: Client[] = [];
  let time = new FakeTime(T0);
  const ctx = {
    /** The fake clock's time (stays T0 on the real clock). */
    get t() {
      return time.t;
    },
    server: undefined as unknown as RollcallServer,
    dir: '',
    clients,
    /** Moves the fake clock, firing the server's timers that fall due. */
    advance(ms: number) {
      time.advance(ms);
    },
    /** The server's timers waiting on the fake clock (a grace, a held-back refusal…). */
    get pendingTimers() {
      return time.waiting;
    },
    get url() {
      return ctx.server.url;
    },
  };
  const start = () =>
    startRollcallServer({
      dataDir: ctx.dir,
      port: 0,
      host: '127.0.0.1',
      moderatorKey: KEY,
      reconnectGraceMs: 200,
      ...(fakeClock ? { clock: time, timers: time } : {}),
      ...options,
    });
  const [before, after] = fresh === 'each' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    time = new FakeTime(T0);
    ctx.dir = newTempDir(tempPrefix);
    ctx.server = await start();
  });
  after(async () => {
    for (const client of clients.splice(0)) client.socket.disconnect();
    // Answers a test left held back on the fake clock would keep their connections (and close()) open.
    if (fakeClock) time.advance(60_000);
    await ctx.server?.close();
    if (ctx.dir) removeDir(ctx.dir);
  });

  async function restart() {
    await ctx.server.close();
    ctx.server = await start();
  }
  /** A socket client of this server, disconnected when the block is done. */
  const connect = (name: string, clientOptions: ClientOptions = {}) => {
    const client = connectClient(ctx.url, name, clientOptions);
    clients.push(client);
    return client;
  };

  const send = (method: string, path: string, requestOptions?: RequestOptions) => request(ctx.url, method, path, requestOptions);
  const command = (body: unknown, auth: string = MODERATOR, headers?: Record<string, string>) =>
    send('POST', '/api/commands', { auth, body, headers });
  const ok = async (body: unknown, auth: string = MODERATOR) => {
    const reply = await command(body, auth);
    expect(reply.status, reply.text).toBe(200);
    return reply.body.version as number;
  };
  const state = async (): Promise<ApiState> => {
    const reply = await send('GET', '/api/state');
    expect(reply.status).toBe(200);
    return reply.body as ApiState;
  };
  const importFile = (query: string, raw: string | Uint8Array, auth: string = MODERATOR) =>
    send('POST', `/api/events/current/import${query}`, { auth, raw, headers: { 'content-type': 'text/csv' } });
  const tokenOf = async (entryId: string) => {
    const reply = await send('GET', '/api/links', { auth: MODERATOR });
    expect(reply.status).toBe(200);
    const link = (reply.body as { entryId: string; token: string | null }[]).find((l) => l.entryId === entryId);
    if (!link?.token) throw new Error(`no token for ${entryId}`);
    return link.token;
  };
  /** Sends a request that must fail with `status`/`code`, and checks the state did not move. */
  const refused = async (sendIt: () => Promise<Reply>, status: number, code: string, message?: RegExp) => {
    const before = await state();
    const reply = await sendIt();
    expect(reply.status, reply.text).toBe(status);
    expect(reply.body.error.code).toBe(code);
    if (refusedAlsoChecks.reasonIsText) expect(typeof reply.body.error.reason).toBe('string');
    if (message) expect(reply.body.error.message).toMatch(message);
    const after = await state();
    expect(after.version).toBe(before.version);
    if (refusedAlsoChecks.entriesUnchanged) expect(after.entries).toEqual(before.entries);
    return reply;
  };
  return Object.assign(ctx, { restart, connect, request: send, command, ok, state, importFile, tokenOf, refused });
}
