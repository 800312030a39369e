// The real server as a child process — `tsx server/main.ts` with pages off, on a given port and data
// dir — for the crash tests: started in its own process group so that kill -9 takes all of it, and
// the HTTP calls those tests make to it.
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import type { ApiState } from '../../lib/view';
import { KEY, bearer, newTempDir, removeDir, request, sleep } from './real-server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

// ---- processes ----------------------------------------------------------------------------------

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<void>;
}

/**
 * Server processes (moderator key KEY) and data dirs for the file: every process still running is
 * killed, and every data dir removed, after its tests.
 */
export function useServerProcesses() {
  const children = new Set<ChildProcess>();
  const dataDirs: string[] = [];
  afterAll(() => {
    for (const child of children) signalGroup(child, 'SIGKILL');
    for (const dir of dataDirs) removeDir(dir);
  });

  function newDataDir(): string {
    const dir = newTempDir('rollcall-crash-');
    dataDirs.push(dir);
    return dir;
  }

  /**
   * Starts `tsx server/main.ts` in its own process group: tsx runs the server in a child process of
   * its own, so killing only the tsx process would leave the real server running.
   */
  async function startServer(dataDir: string, port: number, env: Record<string, string> = {}): Promise<Running> {
    const child = spawn(TSX, ['server/main.ts'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ROLLCALL_PAGES: 'off',
        PORT: String(port),
        HOST: '127.0.0.1',
        ROLLCALL_DATA_DIR: dataDir,
        ROLLCALL_MODERATOR_KEY: KEY,
        ...env,
      },
    });
    children.add(child);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    let hasExited = false;
    const exited = new Promise<void>((resolve) =>
      child.once('exit', () => {
        hasExited = true;
        children.delete(child);
        resolve();
      }),
    );
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (hasExited) throw new Error(`the server exited before answering /api/health:\n${output}`);
      try {
        const res = await fetch(`${url}/api/health`);
        if (res.ok) return { child, url, output: () => output, exited };
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the server did not answer /api/health within 30 s:\n${output}`);
      await sleep(50);
    }
  }

  return { newDataDir, startServer };
}

export function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/** kill -9 of the whole process group; returns once nothing answers on the port any more. */
export async function kill9(server: Running) {
  signalGroup(server.child, 'SIGKILL');
  await waitDown(server);
}

export async function waitDown(server: Running) {
  const deadline = Date.now() + 10_000;
  await Promise.race([server.exited, sleep(10_000)]);
  for (;;) {
    try {
      await fetch(`${server.url}/api/health`);
    } catch {
      return; // connection refused: the server process is gone
    }
    if (Date.now() > deadline) throw new Error('the server still answers after being killed');
    await sleep(20);
  }
}

// ---- HTTP ---------------------------------------------------------------------------------------

export interface CommandReply {
  status: number;
  body: { version?: number; duplicate?: boolean; error?: { code: string; reason: string; message: string } };
}

export async function post(url: string, command: Record<string, unknown>, secret = KEY): Promise<CommandReply> {
  const reply = await request(url, 'POST', '/api/commands', { auth: bearer(secret), body: command });
  return { status: reply.status, body: reply.body as CommandReply['body'] };
}

/**
 * Like `post`, from a chosen loopback address. The HTTP API rate-limits per IP (60 at once, 20 a
 * second); spreading the stream over many client addresses, as many control devices would, keeps
 * commands being accepted right up to the kill instead of answering 429.
 */
export function postFrom(url: string, command: Record<string, unknown>, secret: string, localAddress: string): Promise<CommandReply> {
  const body = JSON.stringify(command);
  return new Promise<CommandReply>((resolve, reject) => {
    const req = httpRequest(
      `${url}/api/commands`,
      {
        method: 'POST',
        localAddress,
        agent: false,
        headers: { authorization: bearer(secret), 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as CommandReply['body'] });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
export const CLIENT_ADDRESSES = Array.from({ length: 40 }, (_, i) => `127.0.0.${i + 2}`);

/** Posts a command that must be accepted; returns its version. */
export async function accepted(url: string, command: Record<string, unknown>, secret = KEY): Promise<number> {
  const reply = await post(url, command, secret);
  if (reply.status !== 200 || reply.body.version === undefined) {
    throw new Error(`${String(command.type)} refused (${reply.status}): ${JSON.stringify(reply.body)}`);
  }
  return reply.body.version;
}

export async function getState(url: string): Promise<ApiState> {
  const reply = await request(url, 'GET', '/api/state');
  expect(reply.status).toBe(200);
  return reply.body as ApiState;
}

export const entryOf = (state: ApiState, id: string) => {
  const entry = state.entries.find((e) => e.id === id);
  if (!entry) throw new Error(`no entry ${id} in the state`);
  return entry;
};

/** Every entry's join link token, in running order. */
export async function linksOf(url: string): Promise<{ entryId: string; token: string }[]> {
  const reply = await request(url, 'GET', '/api/links', { auth: bearer(KEY) });
  return reply.body as { entryId: string; token: string }[];
}

// ---- one-shot runs --------------------------------------------------------------------------------

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tsx <script> …args` to its end (a refused start, `npm run check`), with ROOT as the cwd. */
export function runToEnd(script: string, args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [script, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ROLLCALL_PAGES: 'off', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    // 'close', not 'exit': all of the output has been read by then.
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
