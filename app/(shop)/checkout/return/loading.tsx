// Shown while the return page asks Paystack about the payment (usually well under a second).
export default function CheckoutReturnLoading() {
  return (
    <div className="mx-auto max-w-xl space-y-4 rounded-xl border border-stone-200 bg-white p-8 text-center" aria-busy="true" role="status">
      <span className="mx-auto block h-8 w-8 animate-spin rounded-full border-2 border-brand-600 border-t-transparent" aria-hidden="true" />
      <p className="text-lg font-medium">Checking your payment with Paystack…</p>
      <p className="text-sm text-stone-600">Please keep this page open.</p>
    </div>
  );
}
