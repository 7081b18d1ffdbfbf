// "Download invoice (PDF)" for a paid order. A plain link (not next/link): the route answers a PDF attachment, and a
// guest order's link carries its signed token, the only proof a guest has.
export function invoiceHref(orderId: string, token: string | null): string {
  const path = `/api/orders/${encodeURIComponent(orderId)}/invoice`;
  return token ? `${path}?${new URLSearchParams({ token })}` : path;
}

/** One credit note's PDF (GET /api/orders/:id/credit-notes/:creditNoteId), for the same people as the invoice. */
export function creditNoteHref(orderId: string, creditNoteId: string, token: string | null): string {
  const path = `/api/orders/${encodeURIComponent(orderId)}/credit-notes/${encodeURIComponent(creditNoteId)}`;
  return token ? `${path}?${new URLSearchParams({ token })}` : path;
}

export function InvoiceDownloadLink({ orderId, token }: { orderId: string; token: string | null }) {
  return (
    <a
      href={invoiceHref(orderId, token)}
      download
      className="inline-flex items-center gap-2 rounded-lg border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-800 hover:bg-stone-50"
    >
      <span aria-hidden="true">⤓</span>
      Download invoice (PDF)
    </a>
  );
}
