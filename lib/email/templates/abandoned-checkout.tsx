// A reminder for a checkout that was started and not paid, with a link that restores the cart.
import type { Money } from '../../core/money';
import { Link, Text } from '@react-email/components';
import { CallToAction, EmailHeading, EmailLayout, type EmailLine, LinesTable, Paragraph, styles, TotalRow } from './layout';

export interface AbandonedCheckoutProps {
  shopName: string;
  siteUrl: string;
  /** The first name to greet by (lib/email/greeting-name.ts), or null: no greeting. */
  customerName?: string | null;
  lines: EmailLine[];
  subtotal: Money;
  /** Absolute link that puts these lines back in the shopper's cart. */
  restoreUrl: string;
  /** Days the restore link keeps working. */
  restoreValidDays: number;
  /** Absolute link that stops further reminder emails to this address. */
  unsubscribeUrl: string;
}

export function AbandonedCheckoutEmail(props: AbandonedCheckoutProps) {
  return (
    <EmailLayout shopName={props.shopName} siteUrl={props.siteUrl} preview="You left something in your cart">
      <EmailHeading>Still thinking it over?</EmailHeading>
      <Paragraph>
        {props.customerName ? `Hi ${props.customerName}, you` : 'You'} started a checkout but did not finish paying. Your items are waiting for you — prices and
        stock are checked again when you come back.
      </Paragraph>
      <LinesTable lines={props.lines} />
      <TotalRow label="Subtotal" amount={props.subtotal} strong />
      <CallToAction href={props.restoreUrl}>Return to your cart</CallToAction>
      <Paragraph>
        The link works once, for the next {props.restoreValidDays} days. If you have already completed your order, you can ignore this email.
      </Paragraph>
      <Text style={styles.muted}>
        Don't want reminders like this?{' '}
        <Link href={props.unsubscribeUrl} style={styles.link}>
          Unsubscribe
        </Link>
      </Text>
    </EmailLayout>
  );
}
