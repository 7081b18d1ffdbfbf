// POST /api/cart/merge-notices – what the sign-in's cart merge changed, in words, handed out once (then deleted) (Store API)
import { describeMergeNotice, MERGE_NOTICE_HEADLINE } from '@/lib/cart/cart-messages';
import { takeMergeNotices } from '@/lib/cart/merge-notices';
import { apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

/** A POST, not a GET: reading them deletes them, so the shopper is told once and never again on a reload. */
export const POST = route({ name: 'api/cart/merge-notices', audience: 'user', sameOrigin: true }, async ({ user, deps }) => {
  const notices = await takeMergeNotices(deps.redis(), user.id);
  return apiJson({ notices, headline: notices.length > 0 ? MERGE_NOTICE_HEADLINE : null, messages: notices.map(describeMergeNotice) });
});
