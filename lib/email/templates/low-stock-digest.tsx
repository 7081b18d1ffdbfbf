// For admins: the variants a sale took to or below their low-stock threshold, with a link to restock them.
import { Section } from '@react-email/components';
import { CallToAction, EmailHeading, EmailLayout, Paragraph, styles } from './layout';

export interface LowStockVariant {
  id: string;
  product: string;
  variant: string;
  sku: string;
  available: number;
  threshold: number;
}

export interface LowStockDigestProps {
  shopName: string;
  siteUrl: string;
  inventoryUrl: string;
  variants: LowStockVariant[];
}

export function LowStockDigestEmail(props: LowStockDigestProps) {
  return (
    <EmailLayout shopName={props.shopName} siteUrl={props.siteUrl} preview="Some items are running low">
      <EmailHeading>Running low</EmailHeading>
      <Paragraph>A sale just took these items to or below their low-stock threshold. Restock them before they sell out.</Paragraph>
      <Section>
        <ul style={{ ...styles.text, paddingLeft: 20 }}>
          {props.variants.map((variant) => (
            <li key={variant.id}>
              {variant.product} – {variant.variant} ({variant.sku}): {variant.available} available (threshold {variant.threshold})
            </li>
          ))}
        </ul>
      </Section>
      <CallToAction href={props.inventoryUrl}>Open the inventory</CallToAction>
    </EmailLayout>
  );
}
