'use client';
// A guest's private order link: a short link and a "Copy link" button, never the ~150-character address printed as
// text (unreadable, and on a phone it wraps over several lines). The address itself stays the link's href.
import { useState } from 'react';

export function CopyOrderLink({ link }: { link: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <div className="space-y-2 rounded-xl border border-stone-200 bg-white p-4 text-sm" data-testid="order-link-panel">
      <p className="text-stone-700">
        Keep this private link to check your order later without an account. Anyone with it can see the order, so share it with care.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={copy}
          className="inline-flex min-h-10 items-center rounded-lg border border-stone-300 bg-white px-4 font-medium hover:bg-stone-50"
          data-testid="copy-order-link"
        >
          Copy link
        </button>
        <a href={link} className="font-medium text-brand-700 underline underline-offset-2" data-testid="order-link">
          Open your order link
        </a>
        <span role="status" aria-live="polite" className="text-stone-600">
          {copied === 'yes' ? 'Link copied.' : copied === 'failed' ? 'Could not copy: open the link and bookmark it instead.' : ''}
        </span>
      </div>
    </div>
  );
}
