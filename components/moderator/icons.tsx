// Small inline icons: the console must not depend on emoji fonts being installed on the hall's PC.
import type { SVGProps } from 'react';

const base = {
  width: '1em',
  height: '1em',
  viewBox: '0 0 16 16',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.6,
  'aria-hidden': true,
} as const;

export function ClockIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg {...base} {...props}>
      <circle cx="8" cy="8" r="6.2" />
      <path d="M8 4.6V8l2.3 1.5" strokeLinecap="round" />
    </svg>
  );
}

export function SearchIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg {...base} {...props}>
      <circle cx="7" cy="7" r="4.6" />
      <path d="m10.4 10.4 3.4 3.4" strokeLinecap="round" />
    </svg>
  );
}

export function LockIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg {...base} {...props}>
      <rect x="3" y="7" width="10" height="7" rx="1.5" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
    </svg>
  );
}

export function NextIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg {...base} fill="currentColor" stroke="none" {...props}>
      <path d="M2.5 3.2v9.6L9.3 8zM9.6 3.2v9.6L15 8z" />
    </svg>
  );
}

export function AlertIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg {...base} strokeWidth={1.8} {...props}>
      <path d="M8 1.8 15 14H1z" strokeLinejoin="round" />
      <path d="M8 6.2v3.6M8 11.6v.3" strokeLinecap="round" />
    </svg>
  );
}

export function HandIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg {...base} strokeWidth={1.5} {...props}>
      <path
        d="M5.2 8.5V3.2a1 1 0 0 1 2 0V7.5M7.2 7.5V2.2a1 1 0 0 1 2 0v5.3M9.2 7.8V3.2a1 1 0 0 1 2 0v5.6M11.2 8.8V5.2a1 1 0 0 1 2 0v4.6c0 2.9-2 4.8-4.6 4.8-1.9 0-3-.9-4-2.4L2.8 9.8a1 1 0 0 1 1.6-1.2l.8 1"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function CheckIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg {...base} strokeWidth={2} {...props}>
      <path d="m3 8.5 3.2 3L13 4.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
