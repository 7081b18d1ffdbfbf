// Rendered with HTTP 403 when a page calls forbidden() (a customer, or a demoted admin, on an admin page).
import { ForbiddenNotice } from '@/components/auth/forbidden-notice';

export default function Forbidden() {
  return <ForbiddenNotice />;
}
