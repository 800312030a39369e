'use client';
// The /moderator page: the console behind the moderator gate.
import { ModeratorGate } from './access-gate';
import { Console } from './console';

export function ModeratorApp() {
  return (
    <ModeratorGate>
      <Console />
    </ModeratorGate>
  );
}
