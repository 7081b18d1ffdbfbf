// The new-product form's frame while it loads.
import { ProductEditorLoading } from '@/components/admin/admin-placeholders';

export default function AdminNewProductLoading() {
  return <ProductEditorLoading label="Loading the form" />;
}
