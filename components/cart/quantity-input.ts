// What the shopper typed in the "Quantity" box, read before anything is sent: a whole number from 1 to the cap, or
// a reason in words. Zero, a negative number or an empty box is a mistake to point out, never "1" sent in its place.
export type QuantityReading = { ok: true; quantity: number } | { ok: false; message: string };

export function readQuantity(typed: string, max: number): QuantityReading {
  const text = typed.trim();
  if (text === '') return { ok: false, message: 'Enter how many you want (1 or more).' };
  const value = Number(text);
  if (!Number.isInteger(value)) return { ok: false, message: 'Enter a whole number (1 or more).' };
  if (value < 1) return { ok: false, message: 'Enter a quantity of 1 or more.' };
  if (value > max) return { ok: false, message: `Enter a quantity of ${max} or fewer.` };
  return { ok: true, quantity: value };
}
