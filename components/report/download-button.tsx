'use client';
// A download of a moderator-only file: fetched with the key (a plain link could not carry it),
// saved under the server's file name. Says when it failed instead of failing silently.
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { useModeratorKey } from '@/components/moderator/access-gate';
import { Button } from '@/components/ui';
import { downloadFile } from '@/components/moderator/organiser-api';

export function DownloadButton({
  url,
  fallbackName,
  testId,
  label,
  children,
}: {
  url: string;
  fallbackName: string;
  testId: string;
  label?: string;
  children: ReactNode;
}) {
  const t = useTranslations('report.downloads');
  const key = useModeratorKey();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function download() {
    setBusy(true);
    setError(null);
    const result = await downloadFile(key, url, fallbackName);
    setBusy(false);
    if (!result.ok) setError(t('failed', { message: result.error.message }));
  }

  return (
    <span className="relative inline-flex">
      <Button
        variant="secondary"
        size="sm"
        onClick={download}
        disabled={busy}
        aria-busy={busy || undefined}
        aria-label={label}
        data-testid={testId}
      >
        <DownloadIcon />
        {children}
      </Button>
      {error && (
        <span
          role="alert"
          className="absolute top-full right-0 z-10 mt-1 w-64 rounded-md border border-danger bg-surface p-2 text-xs text-danger-ink"
        >
          {error}
        </span>
      )}
    </span>
  );
}

export function DownloadIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      className="size-4"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M10 3v10m0 0-4-4m4 4 4-4M4 16h12" />
    </svg>
  );
}

export function PrintIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      className="size-4"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M5 8V3h10v5M5 14H3V8h14v6h-2M6 11h8v6H6z" />
    </svg>
  );
}
