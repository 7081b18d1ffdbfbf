// The webhook inbox's frame while it loads.
import { AdminListLoading } from '@/components/admin/admin-placeholders';

export default function AdminWebhooksLoading() {
  return <AdminListLoading description label="Loading webhook events" />;
}
