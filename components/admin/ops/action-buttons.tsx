'use client';
// What the operations console's action buttons share — verify a payment, replay a webhook event, retry a dead job:
// the two button styles and the outcome line. Each button lives with its route (app/(admin)/admin/*/_components/),
// beside the server action it calls.
import type { Notice } from './use-admin-action';
import { noticeClass } from './use-admin-action';

export const rowButtonClass =
  'whitespace-nowrap rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-xs font-semibold text-stone-800 hover:border-stone-900 disabled:cursor-wait disabled:opacity-60';
export const prominentButtonClass =
  'whitespace-nowrap rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-600 disabled:cursor-wait disabled:opacity-60';

export interface ActionButtonProps {
  /** Larger, primary style (detail pages); the default is a compact row button. */
  prominent?: boolean;
  /** Also report the outcome to the list around the button (the row may leave a filtered list when its state changes). */
  onNotice?: (notice: Notice) => void;
  /** Show the outcome next to the button too. */
  inline?: boolean;
}

export function ActionOutcome({ notice, testId }: { notice: Notice | null; testId: string }) {
  return (
    <p role="status" aria-live="polite" className={notice ? `mt-2 ${noticeClass(notice.tone)}` : 'sr-only'} data-testid={testId}>
      {notice?.text ?? ''}
    </p>
  );
}
