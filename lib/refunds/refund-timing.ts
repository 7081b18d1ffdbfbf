// The one promise the shop makes about when refunded money shows up, in every place a shopper reads it (the order
// page, its refunds list and the refund email), so no two places disagree. Paystack's card refunds take up to about
// ten business days to reach the shopper's statement.
export const REFUND_TIMING = 'Depending on your bank, it can take up to 10 working days to show on your statement.';
