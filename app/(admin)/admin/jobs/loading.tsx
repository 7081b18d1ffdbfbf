// The jobs page's frame while it loads.
import { AdminListLoading } from '@/components/admin/admin-placeholders';

export default function AdminJobsLoading() {
  return <AdminListLoading description label="Loading jobs" />;
}
