// What happened to the shopper's order, in words, with the one next step that fits: wait, try again, go back to the
// cart, or (once paid) download the invoice. The state comes from the database (shopperOrderState), never from the URL.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { PaymentStatusPoller } from '@/components/checkout/payment-status-poller';
import { RetryPaymentForm } from '@/components/checkout/retry-payment-form';
import type { OrderDetail } from '@/db/queries/orders';
import type { ShopperOrderState } from '@/lib/orders/shopper-order-state';
import { confirmationEmailNote } from '@/lib/orders/confirmation-email-note';
import { InvoiceDownloadLink } from './invoice-download-link';
import { REFUND_TIMING } from '@/lib/refunds/refund-timing';

const tone = {
  good: 'border-brand-600/30 bg-brand-50',
  wait: 'border-stone-200 bg-white',
  warn: 'border-amber-300 bg-amber-50',
  bad: 'border-red-200 bg-red-50',
};

function Panel({ kind, title, children }: { kind: keyof typeof tone; title: string; children: ReactNode }) {
  return (
    <section className={`space-y-3 rounded-xl border p-6 ${tone[kind]}`} aria-labelledby="order-state-heading" data-testid="order-state">
      <h2 id="order-state-heading" className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

interface Props {
  state: ShopperOrderState;
  order: OrderDetail;
  accessToken: string | null;
  /** On the return page an open payment means "Paystack is still confirming": poll. Elsewhere offer to pay. */
  polling: boolean;
  /** Paystack says a bank transfer or USSD payment is still in flight (return page only): say it is being confirmed. */
  confirmingTransfer?: boolean;
}

export function OrderStatePanel({ state, order, accessToken, polling, confirmingTransfer = false }: Props) {
  switch (state) {
    case 'paid': {
      const email = confirmationEmailNote(order, new Date());
      return (
        <Panel kind="good" title="Payment received — thank you!">
          <p data-testid="order-confirmed">
            Order <strong>{order.number}</strong> is confirmed.
            {email === 'sent' ? (
              <>
                {' '}
                We have emailed the confirmation to <strong>{order.email}</strong>.
              </>
            ) : email === 'on_its_way' ? (
              <>
                {' '}
                A confirmation email is on its way to <strong>{order.email}</strong>.
              </>
            ) : null}
          </p>
          <InvoiceDownloadLink orderId={order.id} token={accessToken} />
        </Panel>
      );
    }
    case 'awaiting_payment':
      if (polling && confirmingTransfer) {
        return (
          <Panel kind="wait" title="Your transfer is being confirmed">
            <p data-testid="transfer-confirming">
              Paystack is waiting for your bank to confirm your transfer or USSD payment for order <strong>{order.number}</strong>. Your items stay reserved
              while it does — there is no need to pay again. We will email <strong>{order.email}</strong> as soon as it is confirmed.
            </p>
            <PaymentStatusPoller orderId={order.id} token={accessToken} />
          </Panel>
        );
      }
      return polling ? (
        <Panel kind="wait" title="Confirming your payment…">
          <PaymentStatusPoller orderId={order.id} token={accessToken} />
        </Panel>
      ) : (
        <Panel kind="warn" title="Awaiting payment">
          <p>Your items are reserved while you pay. If you have already paid, this page will show it within a minute.</p>
          <RetryPaymentForm orderId={order.id} token={accessToken} label="Continue to payment" />
        </Panel>
      );
    case 'payment_failed':
      return (
        <Panel kind="bad" title="Payment was not completed">
          <p>Your card was not charged. Your items are still reserved for a few minutes — you can try again now.</p>
          <RetryPaymentForm orderId={order.id} token={accessToken} />
        </Panel>
      );
    case 'expired':
      return (
        <Panel kind="warn" title="Your reservation expired">
          <p>We held your items while you paid, but no payment arrived in time, so they went back on sale. You were not charged.</p>
          <Link href="/cart" className="inline-block font-medium text-brand-700 underline underline-offset-2">
            Back to your cart
          </Link>
        </Panel>
      );
    case 'needs_attention':
      return (
        <Panel kind="warn" title="We received your payment and are reviewing it">
          <p>
            Your payment arrived but we could not confirm order {order.number} automatically. If we cannot fulfil it, the full amount is refunded to you; we
            will email {order.email} either way.
          </p>
        </Panel>
      );
    case 'refunded':
      return (
        <Panel kind="wait" title="This order was refunded">
          <p>The refund goes back to the card or account you paid with. {REFUND_TIMING}</p>
          <InvoiceDownloadLink orderId={order.id} token={accessToken} />
        </Panel>
      );
  }
}
