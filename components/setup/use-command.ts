'use client';
// Sends moderator commands from the set-up pages and turns a refusal into words in the page
// language: the set-up's own refusals (registration closed, list already started…) first, then
// the shared table in `live.errors`.
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef } from 'react';
import { useLiveConnection } from '@/components/live/live-provider';
import { useErrorText } from '@/components/live/live-text';
import type { RollcallError } from '@/lib/protocol';

export type SetupCommand = { type: string } & Record<string, unknown>;

export function useSetupErrorText(): (error: RollcallError) => string {
  const t = useTranslations('setup.errors');
  const shared = useErrorText();
  return (error) => (t.has(error.reason as never) ? t(error.reason as never) : shared(error));
}

/** `send(command)` resolves to null when accepted, else the translated reason. */
export function useCommand(): (command: SetupCommand) => Promise<string | null> {
  const connection = useLiveConnection();
  const errorText = useSetupErrorText();
  // The translator is a new function each render; keep `send` stable for rows and effects.
  const errorTextRef = useRef(errorText);
  useEffect(() => {
    errorTextRef.current = errorText;
  });
  return useCallback(
    async (command) => {
      if (!connection) return errorTextRef.current({ code: 'internal', reason: 'no_answer', message: 'not connected' });
      const result = await connection.send(command);
      return result.ok ? null : errorTextRef.current(result.error);
    },
    [connection],
  );
}
