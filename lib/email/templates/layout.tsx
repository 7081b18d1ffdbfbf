// The frame every shop email shares, plus the pieces several emails use (order lines, totals, a call-to-action).
// Inline styles only: mail clients ignore stylesheets.
import { Body, Button, Column, Container, Head, Heading, Hr, Html, Link, Preview, Row, Section, Text } from '@react-email/components';
import type { CSSProperties, ReactNode } from 'react';
import type { ShippingAddress } from '../../../db/schema';
import { formatMoney, type Money } from '../../core/money';
import { addressLines } from '../../orders/address-lines';
import { lineTitle } from '../../products/variant-title';

export interface EmailLine {
  title: string;
  variantTitle?: string | null;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
}

const font = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
export const styles = {
  body: { backgroundColor: '#f4f4f5', fontFamily: font, margin: 0, padding: '24px 0' },
  container: { backgroundColor: '#ffffff', borderRadius: 8, maxWidth: 600, margin: '0 auto', padding: '32px 32px 24px' },
  brand: { color: '#111827', fontSize: 18, fontWeight: 700, textDecoration: 'none' },
  heading: { color: '#111827', fontSize: 22, fontWeight: 700, margin: '24px 0 8px' },
  text: { color: '#374151', fontSize: 15, lineHeight: '24px', margin: '8px 0' },
  muted: { color: '#6b7280', fontSize: 13, lineHeight: '20px', margin: '4px 0' },
  label: { color: '#6b7280', fontSize: 13, margin: 0 },
  value: { color: '#111827', fontSize: 15, fontWeight: 600, margin: '2px 0 12px' },
  cell: { color: '#111827', fontSize: 14, padding: '8px 0', verticalAlign: 'top' },
  amount: { color: '#111827', fontSize: 14, padding: '8px 0', textAlign: 'right', verticalAlign: 'top', whiteSpace: 'nowrap' },
  button: { backgroundColor: '#111827', borderRadius: 6, color: '#ffffff', fontSize: 15, fontWeight: 600, padding: '12px 20px', textDecoration: 'none' },
  hr: { borderColor: '#e5e7eb', margin: '20px 0' },
  link: { color: '#2563eb' },
} satisfies Record<string, CSSProperties>;

/** `contact`: the shop's email and phone as they were when the order was placed (its settings snapshot). */
export function EmailLayout(props: { shopName: string; siteUrl: string; preview: string; children: ReactNode; contact?: { email: string; phone?: string } }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Link href={props.siteUrl} style={styles.brand}>
            {props.shopName}
          </Link>
          {props.children}
          <Hr style={styles.hr} />
          <Text style={styles.muted}>
            {props.shopName} ·{' '}
            <Link href={props.siteUrl} style={styles.link}>
              {props.siteUrl.replace(/^https?:\/\//, '')}
            </Link>
            {props.contact ? ` · Questions? ${[props.contact.email, props.contact.phone].filter(Boolean).join(' · ')}` : null}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export function EmailHeading({ children }: { children: ReactNode }) {
  return (
    <Heading as="h1" style={styles.heading}>
      {children}
    </Heading>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>;
}

export function CallToAction({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={{ margin: '20px 0' }}>
      <Button href={href} style={styles.button}>
        {children}
      </Button>
    </Section>
  );
}

/** A label above its value: "Order number / SO-100042". */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Text style={styles.label}>{label}</Text>
      <Text style={styles.value}>{children}</Text>
    </>
  );
}

export function LinesTable({ lines }: { lines: EmailLine[] }) {
  return (
    <Section>
      {lines.map((line) => (
        // An order has one line per variant, so product + variant title identifies a line.
        <Row key={`${line.title}|${line.variantTitle ?? ''}`} style={{ borderBottom: '1px solid #e5e7eb' }}>
          <Column style={styles.cell}>
            {lineTitle(line.title, line.variantTitle)}
            <br />
            <span style={{ color: '#6b7280', fontSize: 13 }}>
              {line.quantity} × {formatMoney(line.unitPrice)}
            </span>
          </Column>
          <Column style={styles.amount}>{formatMoney(line.lineTotal)}</Column>
        </Row>
      ))}
    </Section>
  );
}

/** `subtracted`: an amount taken off (a discount), shown with a minus sign. */
export function TotalRow({ label, amount, strong = false, subtracted = false }: { label: string; amount: Money; strong?: boolean; subtracted?: boolean }) {
  const weight = strong ? { fontWeight: 700, fontSize: 16 } : {};
  return (
    <Row>
      <Column style={{ ...styles.cell, ...weight, padding: '4px 0' }}>{label}</Column>
      <Column style={{ ...styles.amount, ...weight, padding: '4px 0' }}>{`${subtracted ? '−' : ''}${formatMoney(amount)}`}</Column>
    </Row>
  );
}

export function AddressBlock({ address }: { address: ShippingAddress }) {
  const lines = addressLines(address);
  return (
    <Text style={styles.text}>
      {lines.map((line, index) => (
        <span key={line}>
          {line}
          {index < lines.length - 1 ? <br /> : null}
        </span>
      ))}
    </Text>
  );
}
