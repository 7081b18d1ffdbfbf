// Asking Paystack about a reference (GET /transaction/verify/:reference), in one vocabulary, whoever asks — the return
// page, reconciliation, the release job, an admin's "Verify with Paystack", a webhook replay:
//
//   VERDICT  what Paystack's answer means for the shop: for one payment, paid / closed / open / unverified
//            (close.ts: PaymentVerdict); for an order about to lose its hold, paid / unpaid / unknown (verdict.ts).
//   CONFIRM  a paid answer committed exactly once, under the webhook's own event key, so whichever of webhook, return
//            page, reconciliation or admin comes first wins and the rest are duplicates (confirm.ts).
//   CLOSE    a failed (or lapsed and abandoned) answer closes the open intent, so a retry gets a fresh payment
//            (close.ts; the return page in return-page.ts closes on "abandoned" at once: the shopper cancelled).
//   LIST     many references' statuses from Paystack's transaction list in a few paged calls, for the release job's big
//            drains; a reference the listing does not show is verified on its own (listed-statuses.ts).
//   CHECK    a charge we hold only in writing (a stored webhook body) compared with Paystack's answer before anything
//            is applied (check-charge.ts).
//
// Network calls happen outside any transaction; what they decide is written in short transactions afterwards.
export { type ChargeCheck, checkChargeWithPaystack } from './check-charge';
export { confirmOrClose, type PaymentVerdict } from './close';
export { type ConfirmDeps, confirmPayment } from './confirm';
export { type CompleteReturnDeps, completeReturn, confirmReturn, type ReturnOutcome, type ReturnView, type ViewableOrder } from './return-page';
export { LIST_PAGE_SIZE, listedStatuses } from './listed-statuses';
export { type OrderVerdict, orderVerdict, orderVerdicts } from './verdict';
export { describeVerdict, type VerifyPaymentOutcome, type VerifyReport, type VerifyResult, verifyPaymentNow } from './verify-now';
