// The jobs page's frame while it loads.
import { OpsListLoading } from '@/components/admin/ops/ops-placeholders';

export default function AdminJobsLoading() {
  return <OpsListLoading label="Loading jobs" />;
}
