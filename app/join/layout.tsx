import type { ReactNode } from 'react';
import { PageMessages } from '@/i18n/page-messages';

/** Only the join page's messages reach the browser (see i18n/page-messages.tsx). */
export default function JoinLayout({ children }: { children: ReactNode }) {
  return <PageMessages page="join">{children}</PageMessages>;
}
