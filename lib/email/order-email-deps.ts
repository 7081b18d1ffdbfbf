// What every email about an order needs besides sending: its own module so the order and admin emails can share it
// without importing each other (order emails tell the admins, so the admin emails cannot also import order-emails.ts).
import type { ShopDetails } from '../shop';
import type { SendEmailDeps } from './send-email';

export interface OrderEmailDeps extends SendEmailDeps {
  /** Absolute base of every link, e.g. https://shop.example.com (NEXTAUTH_URL at the edge). */
  siteUrl: string;
  /** Signs guest order links (the Next glue passes NEXTAUTH_SECRET). */
  orderAccessSecret: string;
  shop?: ShopDetails;
}
