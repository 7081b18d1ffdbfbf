// A white panel with an optional heading — the admin detail pages' sections. With a title it is a <section> named by
// its heading (screen readers list it as a region); without, a plain <div>.
import type { ReactNode } from 'react';

export const cardClassName = 'rounded-xl border border-stone-200 bg-white p-6';

export function Card({
  id,
  title,
  className = 'text-sm',
  testId,
  children,
}: {
  /** Prefix for the heading's id, which names the section: `${id}-heading`. */
  id?: string;
  title?: ReactNode;
  /** Extra classes (default `text-sm`, the detail pages' body size). */
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  if (!title) {
    return (
      <div className={`${cardClassName} ${className}`} data-testid={testId}>
        {children}
      </div>
    );
  }
  const headingId = `${id ?? 'card'}-heading`;
  return (
    <section aria-labelledby={headingId} className={`${cardClassName} ${className}`} data-testid={testId}>
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
