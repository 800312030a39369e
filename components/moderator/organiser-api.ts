// The organiser pages' one HTTP client for the moderator-only routes (events, links, import and
// export, the report, documents): the moderator key as a bearer, one timeout, one error contract
// (a failure is a RollcallError with the HTTP status, 0 when nothing answered), and every JSON
// reply parsed by its schema (lib/api-schemas.ts) instead of cast.
import type { z } from 'zod';
import { errorReplySchema } from '@/lib/api-schemas';
import type { RollcallError } from '@/lib/protocol';

/** Long enough for the server to render the minutes or every diploma as PDF; a hung request ends. */
const TIMEOUT_MS = 30_000;

export type ApiFailure = {
  ok: false;
  /** The HTTP status; 0 when the server did not answer (network, timeout). */
  status: number;
  error: RollcallError;
  /** An import's row errors, when the server listed them. */
  rowErrors?: { row: number; column: string; message: string }[];
};
export type ApiResult<T> = { ok: true; data: T } | ApiFailure;

const noAnswer = (error: unknown): ApiFailure => {
  const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
  const message = timedOut ? `the server did not answer within ${TIMEOUT_MS / 1000} s` : String((error as Error)?.message ?? error);
  return { ok: false, status: 0, error: { code: 'internal', reason: 'no_answer', message } };
};

async function request(key: string, path: string, init: RequestInit): Promise<Response | ApiFailure> {
  try {
    return await fetch(path, {
      ...init,
      cache: 'no-store',
      signal: init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(TIMEOUT_MS)]) : AbortSignal.timeout(TIMEOUT_MS),
      headers: { ...(init.headers as Record<string, string> | undefined), Authorization: `Bearer ${key}` },
    });
  } catch (error) {
    return noAnswer(error);
  }
}

/** A refusal in the server's words when its body says so, else the status itself. */
async function failureOf(res: Response): Promise<ApiFailure> {
  const parsed = errorReplySchema.safeParse(await res.json().catch(() => null));
  if (parsed.success) return { ok: false, status: res.status, error: parsed.data.error, rowErrors: parsed.data.errors };
  return {
    ok: false,
    status: res.status,
    error: { code: 'internal', reason: `http_${res.status}`, message: `${res.status} ${res.statusText}` },
  };
}

/** Calls a route and parses its JSON reply with `schema`. */
export async function callApi<T>(key: string, path: string, schema: z.ZodType<T>, init: RequestInit = {}): Promise<ApiResult<T>> {
  const res = await request(key, path, init);
  if (!(res instanceof Response)) return res;
  if (!res.ok) return failureOf(res);
  const parsed = schema.safeParse(await res.json().catch(() => undefined));
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    status: res.status,
    error: { code: 'internal', reason: 'unexpected_reply', message: `${path}: the server's reply is not what this page expects` },
  };
}

/** The file name from `filename*=UTF-8''…` (preferred: it may be Cyrillic) or `filename="…"`, else the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition);
  return (plain?.[1] ?? plain?.[2])?.trim() || fallback;
}

/**
 * Downloads a protected file as the server sent it (a CSV keeps its BOM), under the server's file
 * name: a plain <a href> cannot carry the key, so the bytes are fetched and handed to a temporary
 * <a download>. Resolves to the name it was saved under.
 */
export async function downloadFile(key: string, path: string, fallbackName: string): Promise<ApiResult<string>> {
  const res = await request(key, path, {});
  if (!(res instanceof Response)) return res;
  if (!res.ok) return failureOf(res);
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
  return { ok: true, data: name };
}

export type ReportFile =
  | 'report.json'
  | 'report.csv'
  | 'practices.md'
  | 'practices.csv'
  | 'minutes.pdf'
  | 'minutes.docx'
  | 'practices.pdf'
  | 'practices.docx'
  | 'diplomas.pdf'
  | `diplomas/${string}.pdf`;

/** `/api/events/<event>/<file>?…` for the report page's downloads and reads. */
export function eventApiUrl(event: string, file: ReportFile, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `/api/events/${encodeURIComponent(event)}/${file}${search ? `?${search}` : ''}`;
}
