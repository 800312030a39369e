'use client';
// Says at once, on every page, when the live connection is not live.
import { useTranslations } from 'next-intl';
import { useLive } from './live-provider';

export function ConnectionBanner({ className = '' }: { className?: string }) {
  const t = useTranslations('live.connection');
  const status = useLive((s) => s.status);
  const problem = useLive((s) => s.problem);
  if (status === 'live') return null;
  let text: string;
  if (status === 'outdated') text = t(problem === 'reload_by_hand' ? 'outdatedByHand' : 'outdated');
  else if (status !== 'offline') text = t(status);
  else if (problem === 'too_many_sockets') text = `${t('tooManySockets')}. ${t('offlineClock')}`;
  else text = `${t('offline')} ${t('offlineClock')}`;
  return (
    <div
      role="alert"
      data-testid="connection-banner"
      data-status={status}
      className={`bg-danger px-4 py-2 text-center font-semibold text-white ${className}`}
    >
      {text}
    </div>
  );
}
