'use client';
// Counts by state as filter buttons ("Dead 3"): one click shows only that state, again shows all. The filter lives in
// the URL through useListParams like every other list filter.
import { useListParams } from '@/components/admin/admin-table';

export function StateTabs({
  param,
  label,
  states,
}: {
  param: string;
  label: string;
  states: ReadonlyArray<{ value: string; label: string; count: number; alarm?: boolean }>;
}) {
  const { params, set } = useListParams();
  const active = params.get(param);
  return (
    <fieldset className="flex flex-wrap gap-2 text-sm">
      <legend className="sr-only">{label}</legend>
      {states.map((state) => {
        const pressed = active === state.value;
        const alarming = state.alarm && state.count > 0;
        return (
          <button
            key={state.value}
            type="button"
            aria-pressed={pressed}
            onClick={() => set({ [param]: pressed ? null : state.value })}
            className={`rounded-lg border px-3 py-1.5 font-medium ${
              pressed
                ? 'border-stone-900 bg-stone-900 text-white'
                : alarming
                  ? 'border-red-300 bg-red-50 text-red-800 hover:border-red-500'
                  : 'border-stone-300 bg-white text-stone-700 hover:border-stone-900'
            }`}
          >
            {state.label} <span className="tabular-nums">{state.count.toLocaleString('en-NG')}</span>
          </button>
        );
      })}
    </fieldset>
  );
}
