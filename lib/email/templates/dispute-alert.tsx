// For admins: a customer disputed a payment, or Paystack reminds the shop that the answer is due. Unanswered, Paystack
// decides for the customer when the deadline passes, so the email says how long is left and links to the answer page.
import type { Money } from '../../core/money';
import { formatMoney } from '../../core/money';
import { CallToAction, EmailHeading, EmailLayout, Fact, Paragraph } from './layout';

export interface DisputeAlertProps {
  shopName: string;
  siteUrl: string;
  reminder: boolean;
  amount: Money;
  category: string | null;
  reason: string | null;
  orderNumber: string | null;
  reference: string;
  /** "Due 12 Mar 2027, 14:00 (2 days left)", or a note that Paystack gave no date. */
  due: string;
  /** Absolute link to /admin/disputes/:id. */
  disputeUrl: string;
}

export function DisputeAlertEmail(props: DisputeAlertProps) {
  const heading = props.reminder ? 'A dispute still needs your answer' : 'A customer disputed a payment';
  return (
    <EmailLayout shopName={props.shopName} siteUrl={props.siteUrl} preview={`${heading}: ${formatMoney(props.amount)}`}>
      <EmailHeading>{heading}</EmailHeading>
      <Paragraph>
        Answer it before the deadline with evidence (or accept it): when the deadline passes without an answer, Paystack decides for the customer and the money
        is taken back.
      </Paragraph>
      <Fact label="Amount disputed">{formatMoney(props.amount)}</Fact>
      <Fact label="Reason">{[props.category, props.reason].filter(Boolean).join(' — ') || 'Not given'}</Fact>
      <Fact label="Order">{props.orderNumber ?? 'No order in the shop for this payment'}</Fact>
      <Fact label="Payment reference">{props.reference}</Fact>
      <Fact label="Answer by">{props.due}</Fact>
      <CallToAction href={props.disputeUrl}>Answer the dispute</CallToAction>
    </EmailLayout>
  );
}
