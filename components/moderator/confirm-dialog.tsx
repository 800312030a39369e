'use client';
// One modal confirmation for the whole console, asked with `await confirm({...})`. The dialog itself
// (confirm-modal.tsx) is loaded after the page has drawn, before anyone can ask.
import { createContext, lazy, Suspense, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

const loadModal = () => import('./confirm-modal');
const ConfirmModal = lazy(loadModal);

export interface ConfirmRequest {
  title: string;
  body: string;
  /** Said before the body, set apart: what will be lost if the moderator goes on. */
  warning?: string;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
}

type Confirm = (request: ConfirmRequest) => Promise<boolean>;

const ConfirmContext = createContext<Confirm | null>(null);

export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);

  const confirm = useCallback<Confirm>((next) => {
    resolver.current?.(false);
    setRequest(next);
    return new Promise<boolean>((resolve) => {
      resolver.current = resolve;
    });
  }, []);

  const settle = useCallback((ok: boolean) => {
    resolver.current?.(ok);
    resolver.current = null;
    setRequest(null);
  }, []);

  useEffect(() => {
    void loadModal();
  }, []);

  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      {request && (
        <Suspense fallback={null}>
          <ConfirmModal request={request} onSettle={settle} />
        </Suspense>
      )}
    </ConfirmContext.Provider>
  );
}

export function useConfirm(): Confirm {
  const confirm = useContext(ConfirmContext);
  if (!confirm) throw new Error('useConfirm must be used inside <ConfirmProvider>');
  return confirm;
}
