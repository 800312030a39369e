'use client';
// Sending moderator commands from anywhere in the console: the server decides, and a refusal is
// shown, translated, in the status line. Two contexts so rows that only send do not re-render when
// the status line changes.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SendOptions } from '@/components/live/live-connection';
import { useLiveConnection } from '@/components/live/live-provider';
import { useErrorText } from '@/components/live/live-text';
import { useLatest } from '@/components/use-latest';
import type { CommandBody } from '@/lib/protocol';

/**
 * Sends a console command; true when the server accepted it. Console commands carry the version the
 * moderator saw unless `expectVersion: false` says the command means the same whatever changed
 * meanwhile (a message, clearing a signal).
 */
export type Run = (command: CommandBody, options?: SendOptions) => Promise<boolean>;

/**
 * A second "next" this soon after the first is a double click or a bounced key, not an intention to
 * skip a speaker: once the first lands, the second would carry a fresh version and be accepted.
 */
const NEXT_DEBOUNCE_MS = 1000;

export interface Feedback {
  id: number;
  tone: 'error' | 'info';
  text: string;
}

interface FeedbackApi {
  feedback: Feedback | null;
  say: (tone: Feedback['tone'], text: string) => void;
  dismiss: () => void;
}

const RunContext = createContext<Run | null>(null);
const FeedbackContext = createContext<FeedbackApi | null>(null);

export function CommandProvider({ children }: { children: ReactNode }) {
  const connection = useLiveConnection();
  const errorText = useLatest(useErrorText());
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const counter = useRef(0);
  const lastNextAt = useRef(0);

  const say = useCallback((tone: Feedback['tone'], text: string) => {
    counter.current += 1;
    setFeedback({ id: counter.current, tone, text });
  }, []);
  const dismiss = useCallback(() => setFeedback(null), []);

  const run = useCallback<Run>(
    async (command, { expectVersion = true } = {}) => {
      if (command.type === 'speaker.next') {
        const pressedAt = Date.now();
        if (pressedAt - lastNextAt.current < NEXT_DEBOUNCE_MS) return false;
        lastNextAt.current = pressedAt;
      }
      const result = await connection.send(command, { expectVersion });
      if (result.ok) return true;
      say('error', errorText.current(result.error));
      return false;
    },
    [connection, say, errorText],
  );

  const feedbackApi = useMemo(() => ({ feedback, say, dismiss }), [feedback, say, dismiss]);
  return (
    <RunContext.Provider value={run}>
      <FeedbackContext.Provider value={feedbackApi}>{children}</FeedbackContext.Provider>
    </RunContext.Provider>
  );
}

export function useRun(): Run {
  const run = useContext(RunContext);
  if (!run) throw new Error('useRun must be used inside <CommandProvider>');
  return run;
}

export function useFeedback(): FeedbackApi {
  const api = useContext(FeedbackContext);
  if (!api) throw new Error('useFeedback must be used inside <CommandProvider>');
  return api;
}
