// GET, POST /api/admin/discounts – list discount codes with their uses and revenue; create one (admin, audited)
import { listAdminDiscounts } from '@/db/queries/admin-discounts';
import { createDiscount } from '@/lib/discounts/create-discount';
import { createDiscountSchema } from '@/lib/discounts/discount-input';
import { discountJson } from '@/lib/discounts/discount-json';
import { apiError, apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'api/admin/discounts', audience: 'admin', sameOrigin: false }, async ({ deps }) =>
  apiJson({ discounts: (await listAdminDiscounts(deps.db)).map(discountJson) }),
);

export const POST = route({ name: 'api/admin/discounts', audience: 'admin', sameOrigin: true, body: createDiscountSchema }, async ({ body, user, deps }) => {
  const created = await createDiscount(deps.db, body, user.id);
  if (!created.ok) return apiError('discount_code_exists', { details: { field: 'code' } });
  return apiJson({ discount: discountJson({ ...created.value, uses: 0, paidOrders: 0, discountGivenAmount: 0, revenueAmount: 0 }) }, { status: 201 });
});
