'use client';
// Opens the console only with a moderator key: from the link's fragment, else this tab's storage.
// No key, or a key the server refuses, shows a page that explains where the link comes from.
import { useTranslations } from 'next-intl';
import { createContext, useCallback, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { LiveProvider, useLive } from '@/components/live/live-provider';
import { AccessDenied } from './access-denied';
import { createKeyStore, parseModeratorKey, storeKey } from './moderator-key';

const ModeratorKeyContext = createContext<string | null>(null);

/** The moderator key, for HTTP calls (downloads, imports) made by pages inside <ModeratorGate>. */
export function useModeratorKey(): string {
  const key = useContext(ModeratorKeyContext);
  if (!key) throw new Error('useModeratorKey must be used inside <ModeratorGate>');
  return key;
}

/**
 * Every moderator page (console, set-up, links, report) opens through this gate. It holds no page of
 * its own, so the report and set-up pages do not carry the console's code.
 */
export function ModeratorGate({ children }: { children: ReactNode }) {
  const [store] = useState(createKeyStore);
  // undefined: not read yet (the server's render and hydration), then the key or null for none.
  const choice = useSyncExternalStore(store.subscribe, store.snapshot, store.serverSnapshot);
  const retry = useCallback(
    (text: string) => {
      const next = parseModeratorKey(text);
      if (next) store.choose(next);
    },
    [store],
  );

  const key = choice?.key;
  const attempt = choice?.attempt ?? 0;
  if (key === undefined) return <Opening />;
  if (!key) return <AccessDenied reason="missing" onSubmit={retry} />;
  return (
    <LiveProvider key={`${attempt}:${key}`} credentials={{ key }}>
      <ModeratorKeyContext.Provider value={key}>
        <RefusedGate onRetry={retry}>{children}</RefusedGate>
      </ModeratorKeyContext.Provider>
    </LiveProvider>
  );
}

/** Swaps the console for the access page the moment the server refuses the key. */
function RefusedGate({ onRetry, children }: { onRetry: (text: string) => void; children: ReactNode }) {
  const refused = useLive((s) => s.status === 'unauthorized');
  useEffect(() => {
    if (refused) storeKey(null); // a reload should ask again, not retry a wrong key
  }, [refused]);
  if (refused) return <AccessDenied reason="wrong" onSubmit={onRetry} />;
  return <>{children}</>;
}

function Opening() {
  const t = useTranslations('moderator');
  return (
    <div className="grid min-h-dvh place-items-center text-ink-muted" aria-busy="true">
      <p className="text-lg">{t('loading')}</p>
    </div>
  );
}
