// Many references' statuses in a few calls: Paystack's transaction list (GET /transaction), paged, over the window in
// which the intents were created. The release job asks it once per drain instead of one verify per abandoned checkout.
//
// What a listing can and cannot settle: a reference it shows has the status it shows at the moment of the call (the
// same status verify would give). A reference it does not show settles nothing — a page that failed, a transaction
// created outside the window by a clock that disagrees, or pages shifting under concurrent inserts (offset paging,
// newest first) — so the caller verifies that one on its own, as before.
import type { PaystackClient } from '../paystack/client';
import type { TransactionStatus } from '../paystack/types';

/** Paystack's (and the simulator's) largest page. */
export const LIST_PAGE_SIZE = 100;

/**
 * Every transaction Paystack lists as created between `from` and `to`, by reference. Never fails: pages that could not
 * be fetched are simply missing (their references fall back to verify). `null` is a status this code does not know.
 */
export async function listedStatuses(
  paystack: PaystackClient,
  window: { from: Date; to: Date },
  opts: { concurrency?: number; maxPages?: number } = {},
): Promise<Map<string, TransactionStatus | null>> {
  const statuses = new Map<string, TransactionStatus | null>();
  const fetchPage = async (page: number) => {
    const reply = await paystack.listTransactions({ from: window.from, to: window.to, page, perPage: LIST_PAGE_SIZE });
    if (!reply.ok) return undefined;
    for (const transaction of reply.value.transactions) statuses.set(transaction.reference, transaction.status);
    return reply.value;
  };
  const first = await fetchPage(1);
  if (!first) return statuses;
  const lastPage = Math.min(first.pageCount, opts.maxPages ?? Number.POSITIVE_INFINITY);
  let next = 2;
  const worker = async () => {
    for (let page = next++; page <= lastPage; page = next++) await fetchPage(page);
  };
  await Promise.all(Array.from({ length: Math.max(0, Math.min(opts.concurrency ?? 4, lastPage - 1)) }, worker));
  return statuses;
}
