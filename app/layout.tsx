import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale } from 'next-intl/server';
import { pageMessages } from '@/i18n/page-messages';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Перекличка — Rollcall', template: '%s — Перекличка' },
  description: 'Пульт переклички городов в реальном времени · A real-time console for a roll call of cities',
  // An event console, not a public site.
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  themeColor: '#0a0a0b',
  colorScheme: 'dark',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="bg-canvas text-ink antialiased">
        {/* Passes locale and time zone from i18n/request.ts to client components; each page's own
            messages come from its PageMessages (i18n/page-messages.tsx), the overlay carries its own. */}
        <NextIntlClientProvider messages={await pageMessages('root')}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
