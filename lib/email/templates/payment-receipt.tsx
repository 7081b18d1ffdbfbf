// A receipt for one payment: the amount Paystack took, its reference, when and how.
import type { Money } from '../../core/money';
import { formatMoney } from '../../core/money';
import { formatDateTime } from '../../core/format-date';
import { CallToAction, EmailHeading, EmailLayout, Fact, Paragraph } from './layout';

export interface PaymentReceiptProps {
  shopName: string;
  siteUrl: string;
  orderNumber: string;
  amount: Money;
  reference: string;
  paidAt: Date;
  /** Paystack's channel, e.g. "card", "bank_transfer", "ussd". */
  channel: string | null;
  orderUrl: string;
}

export function channelLabel(channel: string | null): string {
  if (!channel) return 'Paystack';
  const known: Record<string, string> = {
    card: 'Card',
    bank: 'Bank account',
    bank_transfer: 'Bank transfer',
    ussd: 'USSD',
    qr: 'QR code',
    mobile_money: 'Mobile money',
    eft: 'EFT',
    apple_pay: 'Apple Pay',
  };
  return known[channel] ?? channel.replace(/_/g, ' ');
}

export function PaymentReceiptEmail(props: PaymentReceiptProps) {
  return (
    <EmailLayout shopName={props.shopName} siteUrl={props.siteUrl} preview={`Receipt for ${formatMoney(props.amount)} – order ${props.orderNumber}`}>
      <EmailHeading>Payment receipt</EmailHeading>
      <Paragraph>This is your receipt for the payment on order {props.orderNumber}. Keep it for your records.</Paragraph>
      <Fact label="Amount paid">{formatMoney(props.amount)}</Fact>
      <Fact label="Payment reference">{props.reference}</Fact>
      <Fact label="Paid at">{formatDateTime(props.paidAt)} (Lagos time)</Fact>
      <Fact label="Paid with">{channelLabel(props.channel)} via Paystack</Fact>
      <CallToAction href={props.orderUrl}>View your order</CallToAction>
    </EmailLayout>
  );
}
