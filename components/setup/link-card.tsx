'use client';
// One participant's join link: who it is for, the address (copy), its QR code, and regenerate or
// revoke. In print it becomes a card for the secretariat to hand out or send.
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button, cn } from '@/components/ui';
import { formatZonedTime } from '@/lib/format';
import type { JoinLinkInfo } from '@/lib/api-schemas';
import type { Entry } from '@/lib/model';
import { mskLabel, sameClock } from '@/lib/zones';
import { copyText } from './copy-text';
import { QrCode } from './qr-code';

export interface LinkCardProps {
  link: JoinLinkInfo;
  entry: Entry | undefined;
  position: number;
  /** When its turn is planned, for the sheet the city gets: on the event's clock and on its own. */
  plannedStartAt: number | null;
  eventTimeZone: string;
  busy: boolean;
  onRegenerate: (link: JoinLinkInfo) => void;
  onRevoke: (link: JoinLinkInfo) => void;
}

export function LinkCard({ link, entry, position, plannedStartAt, eventTimeZone, busy, onRegenerate, onRevoke }: LinkCardProps) {
  const t = useTranslations('setup.links');
  const locale = useLocale();
  const tAttendance = useTranslations('live.attendance');
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const name = entry?.nameRu ?? link.name;

  const copy = async () => {
    if (!link.url) return;
    setCopied((await copyText(link.url)) ? 'ok' : 'failed');
    setTimeout(() => setCopied(null), 2500);
  };

  return (
    <li
      data-testid="link-row"
      data-entry-id={link.entryId}
      data-revoked={link.url ? 'false' : 'true'}
      className={cn(
        'flex gap-4 rounded-xl border border-line bg-surface p-4',
        // A revoked link cannot be handed out: it stays on screen, not on the sheet.
        !link.url && 'print:hidden',
        'print:break-inside-avoid print:gap-5 print:rounded-none print:border-black/40 print:bg-white print:p-[5mm] print:text-black',
      )}
    >
      {link.url ? (
        <QrCode url={link.url} label={t('qrLabel', { name })} className="size-28 print:size-[38mm] print:p-0" />
      ) : (
        <div className="grid size-28 shrink-0 place-items-center rounded-md border border-dashed border-line p-2 text-center text-xs text-ink-muted print:border-black/40 print:text-black">
          {t('noQr')}
        </div>
      )}
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <div className="flex items-baseline gap-2">
          <span className="countdown text-sm font-bold text-ink-muted print:text-black/60">{position}</span>
          <h2 className="truncate text-lg leading-tight font-bold text-ink print:overflow-visible print:text-[14pt] print:whitespace-normal print:text-black">
            {name}
          </h2>
        </div>
        {entry?.nameEn && (
          <p className="-mt-1 truncate text-sm text-ink-muted print:text-black/70" lang="en">
            {entry.nameEn}
          </p>
        )}
        <p className="text-sm text-ink print:text-[10.5pt] print:text-black">
          {entry?.representative || <span className="text-ink-muted italic print:text-black/60">{t('noRepresentative')}</span>}
          {entry && <span className="text-ink-muted print:text-black/60"> · {tAttendance(entry.attendance)}</span>}
        </p>
        {entry && plannedStartAt !== null && (
          <p className="text-sm text-ink-muted print:text-[10pt] print:text-black" data-testid="link-turn">
            {t('turn', {
              time: formatZonedTime(plannedStartAt, eventTimeZone, locale),
              zone: mskLabel(eventTimeZone, plannedStartAt, locale),
            })}
            {' · '}
            {sameClock(entry.timeZone, eventTimeZone, plannedStartAt)
              ? t('turnSame')
              : t('turnLocal', {
                  time: formatZonedTime(plannedStartAt, entry.timeZone, locale),
                  msk: mskLabel(entry.timeZone, plannedStartAt, locale),
                })}
          </p>
        )}
        {link.url ? (
          <p
            className="mt-1 font-mono text-xs break-all text-accent-ink select-all print:text-[9pt] print:text-black"
            data-testid="link-url"
          >
            {link.url}
          </p>
        ) : (
          <p className="mt-1 text-sm font-semibold text-status-warning print:text-black" data-testid="link-revoked">
            {t('revoked')}
          </p>
        )}
        <div className="mt-auto flex flex-wrap items-center gap-2 pt-2 print:hidden">
          {link.url && (
            <Button variant="secondary" size="sm" onClick={() => void copy()} data-testid="link-copy" aria-label={t('copyLabel', { name })}>
              {copied === 'ok' ? t('copied') : copied === 'failed' ? t('copyFailed') : t('copy')}
            </Button>
          )}
          <Button
            variant="ghost"
            size="sm"
            disabled={busy}
            onClick={() => onRegenerate(link)}
            data-testid="link-regenerate"
            aria-label={t('regenerateLabel', { name })}
          >
            {link.url ? t('regenerate') : t('create')}
          </Button>
          {link.url && (
            <Button
              variant="ghost"
              size="sm"
              className="text-danger-ink"
              disabled={busy}
              onClick={() => onRevoke(link)}
              data-testid="link-revoke"
              aria-label={t('revokeLabel', { name })}
            >
              {t('revoke')}
            </Button>
          )}
          <span aria-live="polite" className="sr-only">
            {copied === 'ok' ? t('copied') : ''}
          </span>
        </div>
      </div>
    </li>
  );
}
