'use client';
// Runs one admin action from a list or detail page and keeps its outcome in words: while it runs the caller disables
// its button; afterwards every admin list refetches and the page's server components render fresh, so the row shows
// its new state. A refusal (role, input, a row that changed meanwhile) comes back as a message, like any outcome.
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { actionFailure, type DoorResult } from '@/components/ui/action-result';

export interface Notice {
  tone: 'good' | 'neutral' | 'bad';
  text: string;
}

export function useAdminAction<I, D>(action: (input: I) => Promise<unknown>, toNotice: (data: D) => Notice) {
  const [pending, startTransition] = useTransition();
  const [notice, setNotice] = useState<Notice | null>(null);
  const queryClient = useQueryClient();
  const router = useRouter();

  function run(input: I, onNotice?: (notice: Notice) => void) {
    startTransition(async () => {
      let next: Notice;
      try {
        const result = (await action(input)) as DoorResult<D> | undefined;
        const failure = actionFailure(result);
        next = failure || !result?.data ? { tone: 'bad', text: failure?.message ?? 'Something went wrong. Please try again.' } : toNotice(result.data);
      } catch {
        next = { tone: 'bad', text: 'The server could not be reached. Check your connection and try again.' };
      }
      setNotice(next);
      onNotice?.(next);
      await queryClient.invalidateQueries({ queryKey: ['admin-list'] });
      router.refresh();
    });
  }

  return { run, pending, notice };
}

const noticeTones: Record<Notice['tone'], string> = {
  good: 'border-brand-600/40 bg-brand-50 text-brand-700',
  neutral: 'border-stone-300 bg-stone-50 text-stone-800',
  bad: 'border-red-300 bg-red-50 text-red-800',
};

export const noticeClass = (tone: Notice['tone']) => `rounded-lg border px-3 py-2 text-sm ${noticeTones[tone]}`;
