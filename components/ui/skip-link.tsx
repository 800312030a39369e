/** "Skip to content" for keyboard users: hidden until focused, jumps to the page's <main id="main">. */
export function SkipLink({ label }: { label: string }) {
  return (
    <a
      href="#main"
      className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-accent focus:px-3 focus:py-2 focus:text-white print:hidden"
    >
      {label}
    </a>
  );
}
