// For admins: a payment the system could not simply accept (wrong amount or currency, paid too late, …).
import { Section, Text } from '@react-email/components';
import type { Money } from '../../core/money';
import { formatMoney } from '../../core/money';
import { CallToAction, EmailHeading, EmailLayout, Fact, Paragraph, styles } from './layout';

export interface PaymentAlertProps {
  shopName: string;
  siteUrl: string;
  orderNumber: string;
  orderTotal: Money;
  customerEmail: string;
  problems: string[];
  /** Absolute link to /admin/orders/:id. */
  adminOrderUrl: string;
}

export function PaymentAlertEmail(props: PaymentAlertProps) {
  return (
    <EmailLayout shopName={props.shopName} siteUrl={props.siteUrl} preview={`Order ${props.orderNumber}: a payment needs attention`}>
      <EmailHeading>A payment needs attention</EmailHeading>
      <Paragraph>The payment for order {props.orderNumber} was received but could not be applied automatically. Please review it.</Paragraph>
      <Fact label="Order">{props.orderNumber}</Fact>
      <Fact label="Order total">{formatMoney(props.orderTotal)}</Fact>
      <Fact label="Customer">{props.customerEmail}</Fact>
      <Text style={styles.label}>What was found</Text>
      <Section>
        <ul style={{ ...styles.text, paddingLeft: 20 }}>
          {props.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      </Section>
      <CallToAction href={props.adminOrderUrl}>Open the order</CallToAction>
    </EmailLayout>
  );
}
