// The hosted checkout at `authorization_url`: what checkout.paystack.com is to the real API. Plain HTML
// forms (no script) so Playwright, curl and fetch can all drive it.
import type { SimContext } from './context';
import { performCustomerAction, type CustomerAction } from './customer-actions';
import { html, redirect, type SimReply } from './http-kit';
import type { SimTransaction } from './store';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

function formatAmount(transaction: SimTransaction): string {
  return new Intl.NumberFormat('en-NG', { style: 'currency', currency: transaction.currency }).format(transaction.amount / 100);
}

/** Paystack appends both names for the same value; merchants read either. */
function callbackWithReference(transaction: SimTransaction): string | null {
  if (!transaction.callbackUrl) return null;
  try {
    const url = new URL(transaction.callbackUrl);
    url.searchParams.set('trxref', transaction.reference);
    url.searchParams.set('reference', transaction.reference);
    return url.toString();
  } catch {
    return null;
  }
}

function cancelTarget(transaction: SimTransaction): string | null {
  const metadata = transaction.metadata as { cancel_action?: unknown } | null;
  const cancelAction = typeof metadata === 'object' && metadata !== null ? metadata.cancel_action : undefined;
  return typeof cancelAction === 'string' && cancelAction !== '' ? cancelAction : callbackWithReference(transaction);
}

export function showCheckout(ctx: SimContext, accessCode: string, query: URLSearchParams): SimReply {
  const transaction = ctx.store.transactionByAccessCode(accessCode);
  if (!transaction) return html(404, page('Payment link not found', '<p>This payment link is invalid or has expired.</p>'));
  const amount = escapeHtml(formatAmount(transaction));
  const action = (name: string) => `/checkout/${encodeURIComponent(accessCode)}/${name}`;
  const paid = transaction.status === 'success' || transaction.status === 'reversed';
  const callback = callbackWithReference(transaction);
  const notice = paid
    ? `<p role="status" class="ok">Payment complete.${callback ? ` <a href="${escapeHtml(callback)}">Return to ${escapeHtml(ctx.merchantName)}</a>` : ''}</p>`
    : query.get('declined') === '1' || transaction.status === 'failed'
      ? '<p role="alert" class="bad">Your card was declined. Try again or use another card.</p>'
      : '';
  const buttons = paid
    ? ''
    : `<form method="post" action="${action('pay')}"><button type="submit" name="outcome" value="success">Pay ${amount}</button></form>
  <form method="post" action="${action('decline')}"><button type="submit" name="outcome" value="failed">Decline card</button></form>
  <form method="post" action="${action('cancel')}"><button type="submit" name="outcome" value="cancel" class="link">Cancel payment</button></form>`;
  const body = `<p class="test">TEST MODE</p>
  <h1>${escapeHtml(ctx.merchantName)}</h1>
  <dl><dt>Amount</dt><dd data-testid="amount">${amount}</dd><dt>Email</dt><dd data-testid="email">${escapeHtml(transaction.customer.email)}</dd>
  <dt>Reference</dt><dd data-testid="reference">${escapeHtml(transaction.reference)}</dd></dl>
  ${notice}
  ${buttons}`;
  return html(200, page(`Pay ${ctx.merchantName}`, body));
}

export function submitCheckout(ctx: SimContext, accessCode: string, choice: string): SimReply {
  const transaction = ctx.store.transactionByAccessCode(accessCode);
  if (!transaction) return html(404, page('Payment link not found', '<p>This payment link is invalid or has expired.</p>'));
  const actions: Record<string, CustomerAction> = { pay: 'pay', decline: 'decline', cancel: 'abandon' };
  const action = actions[choice];
  const checkoutUrl = `/checkout/${encodeURIComponent(accessCode)}`;
  if (!action) return html(404, page('Not found', '<p>Unknown checkout action.</p>'));
  const outcome = performCustomerAction(ctx, transaction, action);
  if (outcome === 'declined') return redirect(`${checkoutUrl}?declined=1`, 303);
  if (outcome === 'abandoned') {
    const target = cancelTarget(transaction);
    return target ? redirect(target) : redirect(checkoutUrl, 303);
  }
  const callback = callbackWithReference(transaction);
  return callback ? redirect(callback) : redirect(checkoutUrl, 303);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#1f2933}
.test{display:inline-block;background:#fde68a;border-radius:4px;padding:.1rem .5rem;font-size:.75rem;font-weight:600}
dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}dt{color:#52606d}dd{margin:0;font-weight:600}
form{margin:.6rem 0}button{width:100%;padding:.8rem;border:0;border-radius:6px;font-size:1rem;background:#0ba4db;color:#fff;cursor:pointer}
button[value=failed]{background:#e4e7eb;color:#1f2933}button.link{background:none;color:#52606d;text-decoration:underline}
.ok{color:#0e7c3a}.bad{color:#b42318}
</style></head><body>${body}</body></html>`;
}
