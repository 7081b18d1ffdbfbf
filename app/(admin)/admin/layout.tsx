import type { ReactNode } from 'react';
import { AdminNav } from '@/components/admin/admin-nav';
import { userForPage } from '@/lib/server/doors/auth';

// Admin shell. It checks the role itself (proxy.ts is only a convenience); each admin page and action must too,
// because a layout does not re-run for every request that reaches a page below it.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const admin = await userForPage('admin', '/admin');
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-stone-200 pb-4">
        <AdminNav />
        <p className="text-sm text-stone-500">Signed in as {admin.name} (admin)</p>
      </div>
      {children}
    </div>
  );
}
