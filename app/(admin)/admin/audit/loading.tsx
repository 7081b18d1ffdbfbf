// The audit log's frame while it loads.
import { OpsListLoading } from '@/components/admin/ops/ops-placeholders';

export default function AdminAuditLoading() {
  return <OpsListLoading label="Loading the audit log" />;
}
