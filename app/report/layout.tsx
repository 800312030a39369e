import type { ReactNode } from 'react';
import { PageMessages } from '@/i18n/page-messages';

/** Only the report page's messages reach the browser (see i18n/page-messages.tsx). */
export default function ReportLayout({ children }: { children: ReactNode }) {
  return <PageMessages page="report">{children}</PageMessages>;
}
