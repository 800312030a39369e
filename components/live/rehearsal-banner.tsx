'use client';
// Says on every page that the active event is a rehearsal, so nobody mistakes it for the real one:
// a striped band with the word, and for the organisers and cities a line about what is kept.
import { useTranslations } from 'next-intl';
import { useLive } from './live-provider';

export function RehearsalBanner({ detail, className = '' }: { detail?: 'console' | 'join'; className?: string }) {
  const t = useTranslations('live.rehearsal');
  const number = useLive((s) => s.view?.event.rehearsal?.number ?? null);
  if (number === null) return null;
  return (
    <div
      data-testid="rehearsal-banner"
      role="note"
      className={`flex flex-wrap items-center justify-center gap-x-3 gap-y-1 bg-[repeating-linear-gradient(135deg,#3b2a05_0_14px,#2a1e04_14px_28px)] px-4 py-1.5 text-center text-status-warning ${className}`}
    >
      <span className="font-extrabold tracking-[0.18em] uppercase">
        {t('label')} {number}
      </span>
      {detail && <span className="text-sm font-semibold text-ink">{t(detail)}</span>}
    </div>
  );
}
