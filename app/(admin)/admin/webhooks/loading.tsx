// The webhook inbox's frame while it loads.
import { OpsListLoading } from '@/components/admin/ops/ops-placeholders';

export default function AdminWebhooksLoading() {
  return <OpsListLoading label="Loading webhook events" />;
}
