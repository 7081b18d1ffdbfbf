'use client';
// The latest outcome of an action taken from a list row, shown above the list: the row itself may leave a filtered
// list once its state changes (a verified payment is no longer "pending"), and its outcome must not leave with it.
import { useState } from 'react';
import { type Notice, noticeClass } from './use-admin-action';

export function useListNotice() {
  const [notice, setNotice] = useState<Notice | null>(null);
  const view = (
    <div role="status" aria-live="polite" data-testid="list-notice">
      {notice ? (
        <p className={`flex items-start justify-between gap-3 ${noticeClass(notice.tone)}`}>
          <span>{notice.text}</span>
          <button type="button" onClick={() => setNotice(null)} className="shrink-0 text-xs font-medium underline underline-offset-2">
            Dismiss
          </button>
        </p>
      ) : null}
    </div>
  );
  return { notice: view, show: setNotice };
}
