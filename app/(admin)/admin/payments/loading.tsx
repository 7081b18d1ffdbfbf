// The payments list's frame while it loads.
import { OpsListLoading } from '@/components/admin/ops/ops-placeholders';

export default function AdminPaymentsLoading() {
  return <OpsListLoading label="Loading payments" />;
}
