// The blood-donation motif: a drop with a heart cut into it, drawn in SVG so there is nothing to load.
import { useId } from 'react';

export function HeartDrop({ className = '', title }: { className?: string; title?: string }) {
  const fill = `drop-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return (
    <svg viewBox="0 0 64 80" className={className} role={title ? 'img' : undefined} aria-hidden={title ? undefined : true}>
      {title && <title>{title}</title>}
      <defs>
        <linearGradient id={fill} x1="0" y1="0" x2="0.4" y2="1">
          <stop offset="0" stopColor="#fb7185" />
          <stop offset="0.55" stopColor="#e11d48" />
          <stop offset="1" stopColor="#9f1239" />
        </linearGradient>
      </defs>
      <path d="M32 2C32 2 4 36 4 52a28 28 0 0 0 56 0C60 36 32 2 32 2Z" fill={`url(#${fill})`} />
      <path d="M32 66s-13-8.2-13-17a7 7 0 0 1 13-3.6A7 7 0 0 1 45 49c0 8.8-13 17-13 17Z" fill="#fff" fillOpacity="0.92" />
      <path d="M17 44c1.5-7 6-14 9-18" stroke="#fff" strokeOpacity="0.35" strokeWidth="3" strokeLinecap="round" fill="none" />
    </svg>
  );
}

/** A soft red glow behind everything; purely decorative. */
export function Backdrop() {
  return <div aria-hidden="true" className="scr-glow pointer-events-none absolute inset-0" />;
}

/** In the hall / online, as a small pictogram next to the word (never colour or icon alone). */
export function AttendanceIcon({ attendance, className = '' }: { attendance: 'in_person' | 'online'; className?: string }) {
  if (attendance === 'in_person') {
    // A person at a lectern.
    return (
      <svg
        viewBox="0 0 24 24"
        className={className}
        aria-hidden="true"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <circle cx="12" cy="6" r="3" />
        <path d="M6 21v-5a6 6 0 0 1 12 0v5" />
      </svg>
    );
  }
  // A signal / broadcast.
  return (
    <svg
      viewBox="0 0 24 24"
      className={className}
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <circle cx="12" cy="12" r="2" />
      <path d="M16.2 7.8a6 6 0 0 1 0 8.4M7.8 16.2a6 6 0 0 1 0-8.4M19 5a10 10 0 0 1 0 14M5 19A10 10 0 0 1 5 5" />
    </svg>
  );
}
