// One webhook event's frame while it loads: the same columns as the page.
import { OpsDetailLoading } from '@/components/admin/admin-placeholders';

export default function AdminWebhookEventLoading() {
  return <OpsDetailLoading label="Loading the event" />;
}
