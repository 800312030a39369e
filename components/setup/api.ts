// HTTP calls of the organiser pages (import, export, links, events), made with the moderator key.
// Every failure comes back as a RollcallError so the page translates it like a refused command.
import type { RollcallError } from '@/lib/protocol';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: RollcallError; body: unknown };

const noAnswer = (message: string): RollcallError => ({ code: 'internal', reason: 'no_answer', message });

export async function callApi<T>(key: string, path: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      cache: 'no-store',
      headers: { Authorization: `Bearer ${key}`, ...(init.headers as Record<string, string> | undefined) },
    });
  } catch (e) {
    return { ok: false, status: 0, error: noAnswer((e as Error).message), body: null };
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, data: body as T };
  const error = (body as { error?: RollcallError } | null)?.error;
  return {
    ok: false,
    status: res.status,
    error: error ?? { code: 'internal', reason: `http_${res.status}`, message: `${res.status} ${res.statusText}` },
    body,
  };
}

/** The file name from `content-disposition` (the UTF-8 form first), else the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename="([^"]+)"/i.exec(disposition);
  return plain ? plain[1]! : fallback;
}

/**
 * Downloads a protected file: a plain <a href> cannot carry the bearer key, so fetch it, then hand
 * the blob to a temporary <a download>. Returns the error when the server refuses.
 */
export async function downloadFile(key: string, path: string, fallbackName: string): Promise<RollcallError | null> {
  let res: Response;
  try {
    res = await fetch(path, { cache: 'no-store', headers: { Authorization: `Bearer ${key}` } });
  } catch (e) {
    return noAnswer((e as Error).message);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: RollcallError } | null;
    return body?.error ?? { code: 'internal', reason: `http_${res.status}`, message: `${res.status} ${res.statusText}` };
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return null;
}
