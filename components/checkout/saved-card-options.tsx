// The signed-in shopper's payment choices at checkout: one button per saved, unexpired card ("Pay with Visa •••• 4081",
// a submit button carrying the card's id) and "Save this card for next time" for a new card on Paystack's page (off by
// default). Rendered inside the checkout form, so the same server action receives either choice.

export interface SavedCardChoice {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

const brandName = (brand: string) => (brand ? brand.charAt(0).toUpperCase() + brand.slice(1) : 'Card');

export function SavedCardButtons({ cards, pending, amountLabel }: { cards: SavedCardChoice[]; pending: boolean; amountLabel: string }) {
  if (cards.length === 0) return null;
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 text-sm font-medium text-stone-700">Pay in one click with a saved card ({amountLabel})</legend>
      {cards.map((card) => (
        <button
          key={card.id}
          type="submit"
          name="savedCardId"
          value={card.id}
          disabled={pending}
          aria-disabled={pending}
          data-testid="pay-with-saved-card"
          className="w-full rounded-lg border border-brand-700 bg-white px-4 py-3 text-left text-base font-semibold text-brand-800 hover:bg-brand-50 disabled:cursor-wait disabled:opacity-70"
        >
          Pay with {brandName(card.brand)} •••• {card.last4}
          <span className="ml-2 text-sm font-normal text-stone-500">
            expires {String(card.expMonth).padStart(2, '0')}/{card.expYear}
          </span>
        </button>
      ))}
    </fieldset>
  );
}

export function SaveCardCheckbox() {
  return (
    <label className="flex items-start gap-2 text-sm text-stone-700">
      <input type="checkbox" name="saveCard" className="mt-0.5 h-4 w-4 rounded border-stone-400" />
      <span>
        Save this card for next time
        <span className="block text-xs text-stone-500">Paystack keeps the card; we keep only a token to charge it again when you choose to.</span>
      </span>
    </label>
  );
}
