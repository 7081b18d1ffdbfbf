'use client';
// Telling the shopper, once, what signing in did to their cart. Right after a sign-in the browser asks
// POST /api/cart/merge-notices (which hands the words out once and deletes them) and keeps the answer in this tab's
// sessionStorage; the banner in the layout shows it on the page the shopper lands on, then forgets it.
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';

const STORAGE_KEY = 'shop:merge-notices';
const EVENT = 'shop:merge-notices';

interface MergeNotices {
  headline: string;
  messages: string[];
}

/** After a successful sign-in: fetch what the merge changed (if anything) for the banner. Never throws. */
export async function collectMergeNotices(): Promise<void> {
  try {
    const response = await fetch('/api/cart/merge-notices', { method: 'POST', headers: { accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) return;
    const body = (await response.json()) as { headline: string | null; messages: string[] };
    if (!body.headline || body.messages.length === 0) return;
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ headline: body.headline, messages: body.messages } satisfies MergeNotices));
    window.dispatchEvent(new Event(EVENT));
  } catch {
    // Nothing to tell is better than a broken sign-in.
  }
}

function takeStored(): MergeNotices | null {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  if (!raw) return null;
  sessionStorage.removeItem(STORAGE_KEY);
  try {
    return JSON.parse(raw) as MergeNotices;
  } catch {
    return null;
  }
}

export function MergeNoticesBanner() {
  const [notices, setNotices] = useState<MergeNotices | null>(null);
  const pathname = usePathname();

  useEffect(() => {
    // Read on every navigation (sign-in lands the shopper on another page) and when a sign-in on this page stores them.
    void pathname;
    const show = () => {
      const stored = takeStored();
      if (stored) setNotices(stored);
    };
    // In a task of its own: the first sessionStorage read of a page opens the tab's storage (a round trip to the
    // browser process), which would lengthen the hydration commit this effect runs in (components/next-task.ts).
    const first = setTimeout(show, 0);
    window.addEventListener(EVENT, show);
    return () => {
      clearTimeout(first);
      window.removeEventListener(EVENT, show);
    };
  }, [pathname]);

  if (!notices) return null;
  return (
    <div role="status" className="mb-6 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950" data-testid="merge-notices">
      <p className="font-medium">{notices.headline}</p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {notices.messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
      <button type="button" onClick={() => setNotices(null)} className="mt-3 font-medium underline underline-offset-2">
        OK
      </button>
    </div>
  );
}
