// Tells the customer about a refund: done (amount, what remains paid, why), or failed and being followed up.
import type { Money } from '../../core/money';
import { formatMoney } from '../../core/money';
import { CallToAction, EmailHeading, EmailLayout, Fact, Paragraph } from './layout';
import { REFUND_TIMING } from '../../refunds/refund-timing';

export interface RefundNoticeProps {
  shopName: string;
  siteUrl: string;
  orderNumber: string;
  outcome: 'processed' | 'failed';
  refunded: Money;
  /** What the customer has still paid on the order after this refund (zero after a full refund). */
  remaining: Money;
  reason: string;
  orderUrl: string;
  /** The credit note attached to this email, when the refunded order was invoiced. */
  creditNoteNumber?: string | null;
}

export function RefundNoticeEmail(props: RefundNoticeProps) {
  const amount = formatMoney(props.refunded);
  if (props.outcome === 'failed') {
    return (
      <EmailLayout shopName={props.shopName} siteUrl={props.siteUrl} preview={`Your refund on order ${props.orderNumber} is delayed`}>
        <EmailHeading>Your refund is delayed</EmailHeading>
        <Paragraph>
          We tried to refund {amount} for order {props.orderNumber}, but the payment provider could not complete it. Nothing is lost: our team has been told and
          will follow up with you shortly to make sure you get your money back.
        </Paragraph>
        <Fact label="Refund amount">{amount}</Fact>
        <Fact label="Reason for the refund">{props.reason}</Fact>
        <CallToAction href={props.orderUrl}>View your order</CallToAction>
      </EmailLayout>
    );
  }
  return (
    <EmailLayout shopName={props.shopName} siteUrl={props.siteUrl} preview={`${amount} refunded on order ${props.orderNumber}`}>
      <EmailHeading>Your refund is on its way</EmailHeading>
      <Paragraph>
        We have refunded {amount} for order {props.orderNumber} to the card or account you paid with. {REFUND_TIMING}
      </Paragraph>
      <Fact label="Amount refunded">{amount}</Fact>
      <Fact label="Remaining paid on the order">{formatMoney(props.remaining)}</Fact>
      <Fact label="Reason">{props.reason}</Fact>
      {props.creditNoteNumber ? <Fact label="Credit note (attached)">{props.creditNoteNumber}</Fact> : null}
      <CallToAction href={props.orderUrl}>View your order</CallToAction>
    </EmailLayout>
  );
}
