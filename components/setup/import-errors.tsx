'use client';
// Every problem the server found in a rejected file, in file order: which line, which column, what.
import { useLocale, useTranslations } from 'next-intl';
import type { ImportError } from '@/lib/entry-import';
import { matchImportMessage } from './import-messages';
import { Notice } from './notice';

export function ImportErrors({ errors, file }: { errors: ImportError[]; file: string }) {
  const t = useTranslations('setup.import');
  const tMessage = useTranslations('setup.import.message');
  const locale = useLocale();
  // The server's English wording stays available on hover; Russian readers get it in Russian.
  const say = (message: string) => {
    const known = locale === 'en' ? null : matchImportMessage(message);
    return known ? tMessage(known.key, known.values) : message;
  };
  return (
    <div className="flex flex-col gap-2">
      <Notice tone="error" data-testid="import-nothing">
        <strong className="font-bold">{t('nothingImported')}</strong> {t('errorCount', { count: errors.length, file })}
      </Notice>
      <div className="relative max-h-72 overflow-auto rounded-lg border border-line">
        <table className="w-full border-collapse text-sm" data-testid="import-errors">
          <caption className="sr-only">{t('errorsCaption')}</caption>
          <thead className="sticky top-0 bg-surface-2">
            <tr className="text-left text-xs tracking-wide text-ink-muted uppercase">
              <th scope="col" className="px-3 py-1.5">
                {t('errorRow')}
              </th>
              <th scope="col" className="px-3 py-1.5">
                {t('errorColumn')}
              </th>
              <th scope="col" className="px-3 py-1.5">
                {t('errorMessage')}
              </th>
            </tr>
          </thead>
          <tbody>
            {errors.map((error, i) => (
              <tr key={i} className="border-t border-line align-top" data-testid="import-error-row">
                <td className="countdown px-3 py-1.5 whitespace-nowrap text-ink">{error.row === 0 ? t('wholeFile') : error.row}</td>
                <td className="px-3 py-1.5 font-mono text-xs whitespace-nowrap text-accent-ink">{error.column || '—'}</td>
                <td className="px-3 py-1.5 text-ink" title={error.message}>
                  {say(error.message)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-ink-muted">{t('errorsHint')}</p>
    </div>
  );
}
