'use client';
// Sends moderator commands from the set-up pages and turns a refusal into words in the page
// language: the set-up's own refusals (registration closed, list already started…) first, then
// the shared table in `live.errors`.
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { SendOptions } from '@/components/live/live-connection';
import { useLiveConnection } from '@/components/live/live-provider';
import { useErrorText } from '@/components/live/live-text';
import { useLatest } from '@/components/use-latest';
import type { CommandBody, RollcallError } from '@/lib/protocol';

export function useSetupErrorText(): (error: RollcallError) => string {
  const t = useTranslations('setup.errors');
  const shared = useErrorText();
  return (error) => (t.has(error.reason as never) ? t(error.reason as never) : shared(error));
}

/**
 * `send(command)` resolves to null when accepted, else the translated reason. Set-up commands say
 * what the organiser typed, whatever changed meanwhile; one that acts on what the page showed (a
 * move by index) passes `expectVersion`.
 */
export function useCommand(): (command: CommandBody, options?: SendOptions) => Promise<string | null> {
  const connection = useLiveConnection();
  // The translator is a new function each render; `send` stays the same for rows and effects.
  const errorText = useLatest(useSetupErrorText());
  return useCallback(
    async (command, options) => {
      const result = await connection.send(command, options);
      return result.ok ? null : errorText.current(result.error);
    },
    [connection, errorText],
  );
}
