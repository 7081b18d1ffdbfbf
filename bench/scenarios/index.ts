// Every scenario `npm run bench` runs, in order. The floor and the anchor come first in every run, whole or
// alone: the other figures are read against them.
import type { Scenario } from '../support/context';
import { addToCart } from './add-to-cart';
import { anchor } from './anchor';
import { catalogue } from './catalogue';
import { flashSale } from './flash-sale';
import { floor } from './floor';
import { release } from './release';
import { webhooks } from './webhooks';

export const references: Scenario[] = [floor, anchor];
export const scenarios: Scenario[] = [flashSale, addToCart, catalogue, webhooks, release];
/** Run again at every further app process count (`--processes`) and set side by side: the paths a shopper waits on. */
export const scaled: string[] = [flashSale.name, addToCart.name, catalogue.name];
