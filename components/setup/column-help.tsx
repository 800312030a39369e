'use client';
// What the import expects: each column under its English or Russian header, whether it is needed,
// and the values it takes. The header names are data (the importer's own), not translations.
import { useTranslations } from 'next-intl';
import { ENTRY_COLUMNS, type EntryColumn } from '@/lib/entry-export';

/** The Russian header the importer reads first for each column (lib/entry-import.ts ALIASES). */
const RUSSIAN_HEADER: Record<EntryColumn, string> = {
  kind: 'тип',
  nameRu: 'город',
  nameEn: 'название (англ.)',
  country: 'страна',
  region: 'регион',
  timeZone: 'часовой пояс',
  longitude: 'долгота',
  representative: 'представитель',
  position: 'должность',
  attendance: 'участие',
  allottedSeconds: 'время (сек)',
  practiceTitle: 'практика',
  practiceSummary: 'описание практики',
  contact: 'контакт',
};
const REQUIRED: readonly EntryColumn[] = ['nameRu'];

export function ColumnHelp() {
  const t = useTranslations('setup.import');
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-line bg-surface-2 p-3 text-sm" data-testid="import-help">
      <p className="text-ink">{t('helpIntro')}</p>
      <div className="relative max-h-64 overflow-auto">
        <table className="w-full border-collapse">
          <thead className="sticky top-0 bg-surface-2 text-left text-xs tracking-wide text-ink-muted uppercase">
            <tr>
              <th scope="col" className="py-1 pr-3">
                {t('helpEnglish')}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t('helpRussian')}
              </th>
              <th scope="col" className="py-1">
                {t('helpMeaning')}
              </th>
            </tr>
          </thead>
          <tbody>
            {ENTRY_COLUMNS.map((column) => (
              <tr key={column} className="border-t border-line align-top">
                <td className="py-1 pr-3 font-mono text-xs whitespace-nowrap text-ink">
                  {column}
                  {REQUIRED.includes(column) && <span className="text-accent-ink"> *</span>}
                </td>
                <td className="py-1 pr-3 font-mono text-xs whitespace-nowrap text-ink" lang="ru">
                  {RUSSIAN_HEADER[column]}
                </td>
                <td className="py-1 text-ink-muted">{t(`columns.${column}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-ink-muted">{t('helpFooter')}</p>
    </div>
  );
}
