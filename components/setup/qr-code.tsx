'use client';
// A join link as a QR code (SVG, drawn by the `qrcode` package from the URL alone, so inserting
// its markup is safe). Black on white with a quiet zone: phones read it off paper and off a dark page.
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { cn } from '@/components/ui';

export function QrCode({ url, label, className }: { url: string; label: string; className?: string }) {
  const [svg, setSvg] = useState<{ url: string; markup: string } | null>(null);
  useEffect(() => {
    let alive = true;
    QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
      .then((markup) => alive && setSvg({ url, markup }))
      .catch(() => alive && setSvg(null));
    return () => {
      alive = false;
    };
  }, [url]);
  return (
    <div
      role="img"
      aria-label={label}
      data-testid="link-qr"
      className={cn('shrink-0 rounded-md bg-white p-1 [&_svg]:block [&_svg]:h-full [&_svg]:w-full', className)}
      // Generated from the URL by qrcode; it never contains page or user markup.
      dangerouslySetInnerHTML={svg?.url === url ? { __html: svg.markup } : undefined}
    />
  );
}
