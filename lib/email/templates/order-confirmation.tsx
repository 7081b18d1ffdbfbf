// Sent once an order is paid: what was bought, what it cost, where it goes, and how to get back to it.
import { Link, Section, Text } from '@react-email/components';
import type { ShippingAddress } from '../../../db/schema';
import type { Money } from '../../core/money';
import { AddressBlock, CallToAction, EmailHeading, EmailLayout, type EmailLine, Fact, LinesTable, Paragraph, styles, TotalRow } from './layout';

export interface OrderConfirmationProps {
  shopName: string;
  siteUrl: string;
  /** The first name to greet by (lib/email/greeting-name.ts), or null: "Hi there". */
  customerName: string | null;
  orderNumber: string;
  lines: EmailLine[];
  subtotal: Money;
  /** Taken off the subtotal by a discount code; absent (or zero) without one. */
  discount?: { code: string; amount: Money } | null;
  shipping: Money;
  deliveryLabel: string;
  /** The promise as sold ("Next working day"; for pickup where and when), from the order's settings snapshot. */
  deliveryDescription?: string;
  /** The VAT line: contained in the total (`added: false`) or added on top; absent for orders from before settings. */
  vat?: { rate: string; amount: Money; added: boolean };
  contact?: { email: string; phone?: string };
  total: Money;
  address: ShippingAddress;
  /** "Delivery address", or e.g. "Collection contact" for a pickup. */
  addressLabel?: string;
  /** Absolute: the account page for account orders, the signed link for guest orders. */
  orderUrl: string;
  /** Absolute link to the invoice PDF, when one has been issued. */
  invoiceUrl?: string | null;
  invoiceNumber?: string | null;
}

export function OrderConfirmationEmail(props: OrderConfirmationProps) {
  return (
    <EmailLayout shopName={props.shopName} siteUrl={props.siteUrl} preview={`Order ${props.orderNumber} is confirmed`} contact={props.contact}>
      <EmailHeading>Thank you for your order</EmailHeading>
      <Paragraph>
        Hi {props.customerName ?? 'there'}, we have received your payment and your order {props.orderNumber} is confirmed. We will let you know when it is on
        its way.
      </Paragraph>
      <Fact label="Order number">{props.orderNumber}</Fact>
      <LinesTable lines={props.lines} />
      <Section style={{ marginTop: 8 }}>
        <TotalRow label="Subtotal" amount={props.subtotal} />
        {props.discount && props.discount.amount.amount > 0 ? (
          <TotalRow label={`Discount (${props.discount.code})`} amount={props.discount.amount} subtracted />
        ) : null}
        <TotalRow label={`Delivery: ${props.deliveryLabel}`} amount={props.shipping} />
        {props.vat?.added ? <TotalRow label={`VAT at ${props.vat.rate}`} amount={props.vat.amount} /> : null}
        <TotalRow label="Total paid" amount={props.total} strong />
        {props.vat && !props.vat.added ? <TotalRow label={`Includes VAT at ${props.vat.rate}`} amount={props.vat.amount} /> : null}
      </Section>
      {props.deliveryDescription ? (
        <Paragraph>
          {props.deliveryLabel}: {props.deliveryDescription}
        </Paragraph>
      ) : null}
      <Text style={{ ...styles.label, marginTop: 16 }}>{props.addressLabel ?? 'Delivery address'}</Text>
      <AddressBlock address={props.address} />
      <CallToAction href={props.orderUrl}>View your order</CallToAction>
      {props.invoiceUrl ? (
        <Paragraph>
          Your invoice{props.invoiceNumber ? ` ${props.invoiceNumber}` : ''} is ready:{' '}
          <Link href={props.invoiceUrl} style={styles.link}>
            download the PDF
          </Link>
          .
        </Paragraph>
      ) : null}
    </EmailLayout>
  );
}
