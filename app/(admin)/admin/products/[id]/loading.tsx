// The product editor's frame while it loads.
import { ProductEditorLoading } from '@/components/admin/admin-placeholders';

export default function AdminEditProductLoading() {
  return <ProductEditorLoading label="Loading product" />;
}
