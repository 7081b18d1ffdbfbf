import { describe, expect, it } from 'vitest';
import { toConfirmedCharge } from '@/lib/payments/paystack/map';
import { readWebhookEvent } from '@/lib/payments/paystack/webhook-events';

const charge = {
  id: 4099260516,
  domain: 'test',
  status: 'success',
  reference: 'TXN-abc.123',
  amount: 1_234_500,
  currency: 'NGN',
  channel: 'card',
  fees: 28_518,
  paid_at: '2026-11-29T10:15:00.000Z',
  customer: { email: 'buyer@example.com' },
};

const read = (body: unknown) => readWebhookEvent(typeof body === 'string' ? body : JSON.stringify(body));

describe('reading a Paystack webhook into a domain event', () => {
  it('turns charge.success into a confirmed charge keyed by the gateway transaction', () => {
    expect(read({ event: 'charge.success', data: charge })).toEqual({
      ok: true,
      value: {
        key: 'charge.success:4099260516',
        type: 'charge.success',
        payload: { event: 'charge.success', data: charge },
        kind: 'charge_succeeded',
        charge: {
          gatewayTransactionId: 4099260516,
          reference: 'TXN-abc.123',
          amount: 1_234_500,
          requestedAmount: 1_234_500,
          currency: 'NGN',
          domain: 'test',
          channel: 'card',
          feesAmount: 28_518,
          paidAt: new Date('2026-11-29T10:15:00.000Z'),
          // Who paid, and the card when Paystack sends a reusable authorization (this event carries none).
          customerEmail: 'buyer@example.com',
          card: null,
        },
      },
    });
  });

  it.each([
    ['a missing field', { ...charge, reference: undefined }, 'charge.success without the fields a payment needs: reference'],
    ['a charge that did not succeed', { ...charge, status: 'failed' }, 'charge status failed'],
  ])('keeps a charge.success with %s, with the reason it cannot be used', (_label, data, reason) => {
    const event = read({ event: 'charge.success', data });
    expect(event).toMatchObject({ ok: true, value: { kind: 'charge_unusable', reason, key: 'charge.success:4099260516' } });
  });

  it('keys a refund event by transaction, refund and status, and reads it into a domain refund event', () => {
    const event = read({
      event: 'refund.processed',
      data: { id: 77, status: 'processed', transaction_reference: 'TXN-abc.123', amount: '5000', currency: 'NGN' },
    });
    expect(event).toMatchObject({
      ok: true,
      value: {
        kind: 'refund',
        key: 'refund:TXN-abc.123:77:processed',
        refund: { gatewayRefundId: 77, status: 'processed', transactionReference: 'TXN-abc.123', amount: 5000, currency: 'NGN' },
      },
    });
  });

  it('keys an id-less refund event by its body, so two partial refunds of one transaction are two events', () => {
    const body = (amount: number) => ({
      event: 'refund.pending',
      data: { status: 'pending', transaction_reference: 'TXN-abc.123', refund_reference: null, amount, currency: 'NGN' },
    });
    const first = read(body(1000));
    const second = read(body(2000));
    const again = read(body(1000));
    if (!first.ok || !second.ok || !again.ok) throw new Error('unreadable');
    expect(first.value.key).toMatch(/^refund:TXN-abc\.123:no-id:pending:sha256:[0-9a-f]{64}$/);
    expect(second.value.key).not.toBe(first.value.key);
    expect(again.value.key).toBe(first.value.key);
  });

  it('takes a refund event’s status from its type when the data has none (needs-attention included)', () => {
    const event = read({ event: 'refund.needs-attention', data: { id: 78, transaction_reference: 'TXN-abc.123', amount: 5000, currency: 'NGN' } });
    expect(event).toMatchObject({ ok: true, value: { kind: 'refund', refund: { status: 'needs-attention', gatewayRefundId: 78 } } });
  });

  it('keeps a refund event it cannot act on, with the reason', () => {
    const event = read({ event: 'refund.processed', data: { id: 79, status: 'processed', transaction_reference: 'TXN-abc.123' } });
    expect(event).toMatchObject({ ok: true, value: { kind: 'refund_unusable', reason: 'refund.processed without the fields a refund needs: amount' } });
  });

  it('keys anything else by its exact body', () => {
    const body = JSON.stringify({ event: 'subscription.create', data: { id: 1 } });
    const event = readWebhookEvent(body);
    expect(event).toMatchObject({
      ok: true,
      value: { kind: 'other', type: 'subscription.create', key: expect.stringMatching(/^subscription\.create:sha256:[0-9a-f]{64}$/) },
    });
    const other = readWebhookEvent(JSON.stringify({ event: 'subscription.create', data: { id: 2 } }));
    expect(other.ok && event.ok && other.value.key !== event.value.key).toBe(true);
  });

  it.each([
    ['{"hello":', 'body is not JSON'],
    ['{"data":{}}', 'not a Paystack event envelope'],
  ])('refuses %s', (body, error) => {
    expect(readWebhookEvent(body)).toEqual({ ok: false, error });
  });
});

describe('toConfirmedCharge', () => {
  it('maps a verify reply (dates already parsed) exactly like a webhook', () => {
    const fromWebhook = toConfirmedCharge(charge as Parameters<typeof toConfirmedCharge>[0]);
    const fromVerify = toConfirmedCharge({ ...charge, domain: 'test', paid_at: new Date(charge.paid_at) });
    expect(fromVerify).toEqual(fromWebhook);
  });

  it('leaves what Paystack did not say as null', () => {
    expect(toConfirmedCharge({ id: 1, reference: 'r', amount: 100, currency: 'NGN', domain: 'live' })).toMatchObject({
      channel: null,
      feesAmount: null,
      paidAt: null,
    });
  });
});
