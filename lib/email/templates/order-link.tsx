// A fresh link to a guest order, sent to the order's own address when an old link has expired.
import { CallToAction, EmailHeading, EmailLayout, Paragraph } from './layout';

export interface OrderLinkProps {
  shopName: string;
  siteUrl: string;
  orderNumber: string;
  orderUrl: string;
  validDays: number;
}

export function OrderLinkEmail(props: OrderLinkProps) {
  return (
    <EmailLayout shopName={props.shopName} siteUrl={props.siteUrl} preview={`Your link to order ${props.orderNumber}`}>
      <EmailHeading>Your order link</EmailHeading>
      <Paragraph>
        Here is a fresh link to order {props.orderNumber}. It works for {props.validDays} days; keep it private, as anyone with it can see the order.
      </Paragraph>
      <CallToAction href={props.orderUrl}>View your order</CallToAction>
      <Paragraph>If you did not ask for this, you can ignore this email.</Paragraph>
    </EmailLayout>
  );
}
