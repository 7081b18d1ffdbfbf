// Tells the customer a parcel is on its way: what is in it, the carrier, the tracking number and its tracking link.
import { Link } from '@react-email/components';
import { CallToAction, EmailHeading, EmailLayout, Fact, Paragraph, styles } from './layout';
import { lineTitle } from '../../products/variant-title';

export interface ShippingNoticeProps {
  shopName: string;
  siteUrl: string;
  orderNumber: string;
  /** 1, 2, … and how many the order has so far; "shipment 2" only when there is more than one. */
  sequence: number;
  lines: Array<{ title: string; variantTitle: string; quantity: number }>;
  carrier: string;
  trackingNumber: string;
  /** http(s) only (checked where the shipment was recorded); null when the carrier has no tracking page. */
  trackingUrl: string | null;
  /** Units of the order still to ship after this parcel. */
  stillToShip: number;
  orderUrl: string;
}

export function ShippingNoticeEmail(props: ShippingNoticeProps) {
  const parcel = props.sequence > 1 ? `Shipment ${props.sequence} of order ${props.orderNumber}` : `Order ${props.orderNumber}`;
  return (
    <EmailLayout shopName={props.shopName} siteUrl={props.siteUrl} preview={`${parcel} has shipped with ${props.carrier}`}>
      <EmailHeading>Your order is on its way</EmailHeading>
      <Paragraph>
        {parcel} has been handed to {props.carrier}.
        {props.stillToShip > 0 ? ` The rest of your order follows separately; we will email you when it ships.` : ''}
      </Paragraph>
      <Fact label="In this parcel">{props.lines.map((line) => `${line.quantity} × ${lineTitle(line.title, line.variantTitle)}`).join(', ')}</Fact>
      <Fact label="Carrier">{props.carrier}</Fact>
      <Fact label="Tracking number">{props.trackingNumber}</Fact>
      {props.trackingUrl ? (
        <>
          <CallToAction href={props.trackingUrl}>Track your parcel</CallToAction>
          <Paragraph>
            Or open this link:{' '}
            <Link href={props.trackingUrl} style={styles.link}>
              {props.trackingUrl}
            </Link>
          </Paragraph>
        </>
      ) : null}
      <CallToAction href={props.orderUrl}>View your order</CallToAction>
    </EmailLayout>
  );
}
