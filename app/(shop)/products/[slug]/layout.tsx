// Checks the product exists *above* this segment's loading.tsx. A notFound() thrown under a loading boundary
// arrives after the streamed 200 has started; thrown here, before anything is sent, it is a real 404.
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { loadProduct } from './load-product';

export default async function ProductLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (!(await loadProduct(slug))) notFound();
  return children;
}
