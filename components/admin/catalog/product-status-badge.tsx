// A product's status as a badge (the word carries the meaning, the colour only helps).
const tones = {
  active: 'bg-brand-50 text-brand-700 ring-brand-600/40',
  draft: 'bg-amber-50 text-amber-900 ring-amber-300',
  archived: 'bg-stone-100 text-stone-700 ring-stone-300',
} as const;

const labels = { active: 'Active', draft: 'Draft', archived: 'Archived' } as const;

export function ProductStatusBadge({ status }: { status: keyof typeof tones }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[status]}`} data-testid="product-status">
      {labels[status]}
    </span>
  );
}
