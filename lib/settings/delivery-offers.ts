// Which delivery options a shopper may choose for a state, and at what fee, from the settings in force. Pure: the
// checkout page draws its cards with it and the server decides with it, so the two can never disagree. The client
// only ever sends an option id; the fee, the words and whether the option exists for that state are the server's.
// Free of zod (types only from the schema module), so the checkout form can bundle it.
import { money, type Money } from '../core/money';
import { err, ok, type Result } from '../core/result';
import { shopAddressLines } from './shop-address';
import type { DeliveryZone, ShopSettings } from './shop-settings';

/** The ids checkout accepts (checkout-input.ts); what each one offers is the settings'. */
export type DeliveryOptionId = 'standard' | 'express' | 'pickup';

export interface DeliveryOffer {
  id: DeliveryOptionId;
  label: string;
  description: string;
  fee: Money;
  /** The zone whose fee applies; null for pickup. */
  zone: string | null;
}

/** What delivery needs of the settings (the checkout page hands exactly this to the browser). */
export type DeliverySettings = Pick<ShopSettings, 'delivery' | 'pickup'>;

export type DeliveryRefusal = { code: 'delivery_unavailable'; option: DeliveryOptionId; state: string | null; message: string };

export function zoneForState(settings: DeliverySettings, state: string | null | undefined): DeliveryZone | null {
  if (!state) return null;
  return settings.delivery.zones.find((zone) => (zone.states as readonly string[]).includes(state)) ?? null;
}

export function pickupOffer(settings: DeliverySettings): DeliveryOffer | null {
  const { pickup } = settings;
  if (!pickup.enabled) return null;
  return {
    id: 'pickup',
    label: `Pick up in ${pickup.address.city}, ${pickup.address.state}`,
    description: `${pickup.readyWithin} · ${shopAddressLines(pickup.address).slice(0, -1).join(', ')} · ${pickup.openingHours}`,
    fee: money(0, 'NGN'),
    zone: null,
  };
}

/** Every option offered to an address in `state` (pickup needs no state); home delivery only once a state is known. */
export function deliveryOffersFor(settings: DeliverySettings, state: string | null | undefined): DeliveryOffer[] {
  const offers: DeliveryOffer[] = [];
  const zone = zoneForState(settings, state);
  if (zone) {
    offers.push({ id: 'standard', label: 'Standard delivery', description: zone.standardDescription, fee: money(zone.standardFee, 'NGN'), zone: zone.name });
    if (zone.expressFee !== null) {
      offers.push({
        id: 'express',
        label: 'Express delivery',
        description: zone.expressDescription ?? '',
        fee: money(zone.expressFee, 'NGN'),
        zone: zone.name,
      });
    }
  }
  const pickup = pickupOffer(settings);
  if (pickup) offers.push(pickup);
  return offers;
}

/** The option the shopper chose, if the settings offer it for this state; otherwise why not, in words they can act on. */
export function resolveDelivery(
  settings: DeliverySettings,
  option: DeliveryOptionId,
  state: string | null | undefined,
): Result<DeliveryOffer, DeliveryRefusal> {
  const offer = deliveryOffersFor(settings, state).find((candidate) => candidate.id === option);
  if (offer) return ok(offer);
  const where = state ?? null;
  const message =
    option === 'pickup'
      ? 'Pickup is not available right now. Please choose home delivery.'
      : !where
        ? 'Choose the state to deliver to.'
        : option === 'express' && zoneForState(settings, where)
          ? `Express delivery is not available in ${where}. Choose standard delivery${pickupOffer(settings) ? ' or pickup' : ''}.`
          : `We do not deliver to ${where} yet.${pickupOffer(settings) ? ' You can pick your order up instead.' : ''}`;
  return err({ code: 'delivery_unavailable', option, state: where, message });
}

/** Where express delivery is offered, for the checkout's hint ("Express delivery: Lagos, Abuja FCT only"). */
export function expressStates(settings: DeliverySettings): string[] {
  return settings.delivery.zones.filter((zone) => zone.expressFee !== null).flatMap((zone) => zone.states);
}

/** The lowest standard fee of any zone: "from ₦2,500" before the shopper has chosen a state. */
export function lowestStandardFee(settings: DeliverySettings): Money | null {
  const fees = settings.delivery.zones.map((zone) => zone.standardFee);
  return fees.length === 0 ? null : money(Math.min(...fees), 'NGN');
}
