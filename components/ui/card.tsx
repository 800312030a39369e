import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';
import { cn } from './cn';

const surface = 'rounded-xl border border-line bg-surface';

/** A plain raised container. */
export function Card({ className, ...props }: ComponentPropsWithRef<'div'>) {
  return <div className={cn(surface, 'p-5', className)} {...props} />;
}

export type PanelProps = Omit<ComponentPropsWithRef<'section'>, 'title'> & {
  /** Heading text; the section is labelled by it. */
  title: ReactNode;
  /** Heading level, 2 by default. */
  level?: 2 | 3;
  /** Controls shown at the right of the heading row. */
  actions?: ReactNode;
};

/** A titled <section>, labelled by its heading for screen readers. */
export function Panel({ title, level = 2, actions, className, children, ...props }: PanelProps) {
  const headingId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={headingId} className={cn(surface, 'flex flex-col gap-4 p-5', className)} {...props}>
      <div className="flex items-center justify-between gap-3">
        <Heading id={headingId} className="text-lg font-bold text-ink">
          {title}
        </Heading>
        {actions}
      </div>
      {children}
    </section>
  );
}
