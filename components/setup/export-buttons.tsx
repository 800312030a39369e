'use client';
// Downloads of the current list in the import formats (so an export is also a template).
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useModeratorKey } from '@/components/moderator/access-gate';
import { Button } from '@/components/ui';
import { downloadFile } from '@/components/moderator/organiser-api';
import { Notice } from './notice';
import { useSetupErrorText } from './use-command';

export function ExportButtons() {
  const t = useTranslations('setup.export');
  const key = useModeratorKey();
  const errorText = useSetupErrorText();
  const [error, setError] = useState<string | null>(null);

  const download = async (format: 'csv' | 'json') => {
    const result = await downloadFile(key, `/api/events/current/entries.${format}`, `rollcall-entries.${format}`);
    setError(result.ok ? null : errorText(result.error));
  };

  return (
    <div className="flex flex-col gap-2 border-t border-line pt-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-semibold text-ink-muted">{t('label')}</span>
        <Button variant="secondary" size="sm" onClick={() => void download('csv')} data-testid="export-csv">
          {t('csv')}
        </Button>
        <Button variant="secondary" size="sm" onClick={() => void download('json')} data-testid="export-json">
          {t('json')}
        </Button>
      </div>
      <p className="text-xs text-ink-muted">{t('hint')}</p>
      {error && <Notice tone="error">{error}</Notice>}
    </div>
  );
}
