// The restore page's words: why a link was refused, and what changed for a line that could not come back as it was.
import { RESTORE_LINK_TTL_MS } from './recovery-links';
import type { RestoreNotice, RestoreRefusal } from './restore-checkout';

const validDays = RESTORE_LINK_TTL_MS / (24 * 60 * 60 * 1000);

export function describeRestoreNotice(notice: RestoreNotice): string {
  switch (notice.kind) {
    case 'clamped':
      return notice.allowed === 1
        ? `Only 1 of ${notice.title} could go back in your cart (you had ${notice.requested}).`
        : `Only ${notice.allowed} of ${notice.title} could go back in your cart (you had ${notice.requested}).`;
    case 'sold_out':
      return `${notice.title} is sold out, so it could not go back in your cart.`;
    case 'discontinued':
      return `${notice.title} is no longer sold, so it could not go back in your cart.`;
    case 'not_added':
      return `${notice.title} could not be added just now. Please add it again from its product page.`;
  }
}

export function describeRestoreRefusal(refusal: RestoreRefusal | 'cart_unavailable'): string {
  switch (refusal) {
    case 'invalid':
      return 'This link is not valid. It may have been copied incompletely — please use the button in the email again.';
    case 'expired':
      return `This link has expired. Restore links work for ${validDays} days after the email was sent.`;
    case 'already_used':
      return 'This link was already used: the items from that checkout were put back in a cart.';
    case 'order_completed':
      return 'This order was paid, so there is nothing to restore.';
    case 'cart_unavailable':
      return 'Your cart is unavailable right now. Please try again in a moment — the link still works.';
  }
}
