// Form errors: one message per problem, and an error that stops standing once its field is changed (and fixed).
import { describe, expect, it } from 'vitest';
import { standingErrors, valueAt } from '@/components/ui/standing-errors';
import { parseCheckoutForm } from '@/lib/checkout/checkout-form';

function checkoutForm(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

describe('checkout field errors', () => {
  it('says an empty name is required, once', () => {
    const parsed = parseCheckoutForm(checkoutForm({ fullName: '' }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fieldErrors.fullName).toEqual(['Full name is required']);
    for (const messages of Object.values(parsed.fieldErrors)) expect(messages).toHaveLength(1);
  });

  it('still says a one-letter name is too short', () => {
    const parsed = parseCheckoutForm(checkoutForm({ fullName: 'B' }));
    expect(parsed.ok ? null : parsed.fieldErrors.fullName).toEqual(['Enter your full name']);
  });
});

describe('standingErrors', () => {
  const refused = { title: '', slug: 'taken', variants: [{ sku: '' }, { sku: 'X' }] };
  const errors = { title: ['Enter a title'], slug: ['That slug is taken'], 'variants.0.sku': ['Enter a SKU'], form: ['Fix the rest'] };

  it('reads values by dotted path', () => {
    expect(valueAt(refused, 'variants.1.sku')).toBe('X');
    expect(valueAt(refused, 'variants.5.sku')).toBeUndefined();
    expect(valueAt(refused, 'form')).toBeUndefined();
  });

  it('keeps errors of fields left as they were, even those only the server can find', () => {
    expect(standingErrors(errors, refused, refused, {})).toEqual(errors);
  });

  it('drops the error of a field changed to something the form accepts', () => {
    const now = { ...refused, title: 'Raffia basket', variants: [{ sku: 'RB-1' }, { sku: 'X' }] };
    expect(standingErrors(errors, refused, now, {})).toEqual({ slug: ['That slug is taken'], form: ['Fix the rest'] });
  });

  it('shows what checking a changed field again still finds', () => {
    const now = { ...refused, title: 'x'.repeat(300) };
    expect(standingErrors(errors, refused, now, { title: ['At most 200 characters'] }).title).toEqual(['At most 200 characters']);
  });
});
