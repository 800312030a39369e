'use client';
// The moderator's message to the screens: a band nobody in the hall can miss.
import { useTranslations } from 'next-intl';
import type { Message } from '@/lib/model';

function sizeFor(text: string): string {
  if (text.length <= 70) return 'scr-message-lg';
  if (text.length <= 180) return 'scr-message-md';
  return 'scr-message-sm';
}

export function MessageBanner({ message }: { message: Message }) {
  const t = useTranslations('screen');
  return (
    <div
      role="status"
      data-testid="screen-message"
      className="scr-enter relative flex items-center gap-[calc(var(--u)*1.6)] overflow-hidden rounded-[calc(var(--u)*1.2)] bg-gradient-to-r from-accent-strong to-accent px-[calc(var(--u)*2)] py-[calc(var(--u)*1)] text-white shadow-[0_0_calc(var(--u)*4)_rgb(225_29_72/0.35)]"
    >
      <span aria-hidden="true" className="flex size-[calc(var(--u)*3.6)] shrink-0 items-center justify-center rounded-full bg-white/15">
        <svg
          viewBox="0 0 24 24"
          className="size-[calc(var(--u)*2)]"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M3 11v2a1 1 0 0 0 1 1h2l5 4V6L6 10H4a1 1 0 0 0-1 1Z" />
          <path d="M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13" />
        </svg>
      </span>
      <span className="flex min-w-0 flex-1 flex-col gap-[calc(var(--u)*0.2)]">
        <span className="scr-sm font-bold uppercase tracking-[0.16em] text-white/75">{t('message')}</span>
        {/* At most three lines, ellipsised: the speaker and the countdown must stay in view. */}
        <span
          className={`${sizeFor(message.text)} line-clamp-3 font-bold leading-tight text-balance [overflow-wrap:anywhere]`}
          data-testid="screen-message-text"
        >
          {message.text}
        </span>
      </span>
    </div>
  );
}
