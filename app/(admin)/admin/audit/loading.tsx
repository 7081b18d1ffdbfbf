// The audit log's frame while it loads.
import { AdminListLoading } from '@/components/admin/admin-placeholders';

export default function AdminAuditLoading() {
  return <AdminListLoading description label="Loading the audit log" />;
}
