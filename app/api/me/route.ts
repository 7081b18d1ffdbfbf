// GET /api/me – who is signed in, for the header's menu on pages the front caches and shares between shoppers
import { apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

/**
 * The same check every door makes (a signed-out or reset session is nobody), answering only what the menu shows:
 * a name and whether to offer the admin link (the admin pages check the role again themselves). no-store, like every
 * API answer: it is this cookie's answer and no one else's.
 */
export const GET = route({ name: 'api/me', audience: 'public', sameOrigin: false }, async ({ deps }) => {
  const user = await deps.currentUser();
  return apiJson({ user: user ? { name: user.name, admin: user.role === 'admin' } : null });
});
