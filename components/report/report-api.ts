// HTTP calls of the report pages: moderator-only routes, authorised with the key the gate holds.
// Downloads keep the server's file name (content-disposition) so the files match the API's.

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

export function eventApiUrl(event: string, file: ReportFile, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `/api/events/${encodeURIComponent(event)}/${file}${search ? `?${search}` : ''}`;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export async function authorisedFetch(url: string, key: string, signal?: AbortSignal): Promise<Response> {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${key}` }, cache: 'no-store', signal });
  if (res.ok) return res;
  const body = (await res.json().catch(() => null)) as { error?: { reason?: string; message?: string } } | null;
  throw new ApiError(res.status, body?.error?.reason ?? `http_${res.status}`, body?.error?.message ?? res.statusText);
}

/** The file name from `filename*=UTF-8''…` (preferred, may be non-ASCII) or `filename="…"`. */
export function fileNameFrom(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header);
  return (plain?.[1] ?? plain?.[2])?.trim() || null;
}

/** Fetches with the key and saves the bytes as they came (a CSV keeps its BOM). */
export async function downloadFile(url: string, key: string, fallbackName: string): Promise<string> {
  const res = await authorisedFetch(url, key);
  const blob = await res.blob();
  const name = fileNameFrom(res.headers.get('content-disposition')) ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
  return name;
}
