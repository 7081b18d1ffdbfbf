'use client';
// Internal notes on an order or a customer: the list, newest first, and a form to add one. Staff only — the page that
// renders this is an admin page; the shopper's pages and API never read notes. The add action is handed in by the
// page (a server action of its route), with the fields that name what the note is about.
import { useId, useState } from 'react';
import { noticeClass, useAdminAction } from '@/components/admin/ops/use-admin-action';
import { formatDateTime } from '@/lib/core/format-date';

export interface NoteItem {
  id: string;
  body: string;
  authorName: string | null;
  createdAt: string;
}

const MAX = 2000;

export function NotesPanel<I extends { body: string }>({
  notes,
  add,
  target,
  subject,
}: {
  notes: NoteItem[];
  add: (input: I) => Promise<unknown>;
  target: Omit<I, 'body'>;
  /** "order" or "customer": in the heading's hint. */
  subject: string;
}) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const fieldId = useId();
  const { run, pending, notice } = useAdminAction<I, unknown>(add, () => ({ tone: 'good', text: 'Note added.' }));

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = body.trim();
    if (!text) return setError('Write the note first.');
    if (text.length > MAX) return setError(`Keep a note under ${MAX.toLocaleString('en-NG')} characters.`);
    setError(null);
    run({ ...target, body: text } as I, (outcome) => {
      if (outcome.tone === 'good') setBody('');
      else setError(outcome.text);
    });
  }

  return (
    <section aria-labelledby={`${fieldId}-heading`} className="rounded-xl border border-amber-200 bg-amber-50/40 p-6 text-sm" data-testid="internal-notes">
      <h2 id={`${fieldId}-heading`} className="text-lg font-semibold">
        Internal notes
      </h2>
      <p className="mt-1 text-xs text-stone-600">Only staff see these; the {subject} never does. Each note is kept in the audit log.</p>
      <form onSubmit={submit} className="mt-3 space-y-2" noValidate>
        <label htmlFor={fieldId} className="block font-medium">
          Add a note
        </label>
        <textarea
          id={fieldId}
          name="body"
          rows={3}
          maxLength={MAX}
          value={body}
          onChange={(event) => {
            setBody(event.target.value);
            if (error) setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${fieldId}-error` : undefined}
          className="block w-full rounded-lg border border-stone-300 bg-white px-3 py-2"
        />
        {error ? (
          <p id={`${fieldId}-error`} className="text-red-800">
            {error}
          </p>
        ) : null}
        <div className="flex items-center gap-3">
          <button type="submit" disabled={pending} className="rounded-lg bg-stone-900 px-3 py-1.5 font-medium text-white disabled:opacity-50">
            {pending ? 'Adding…' : 'Add note'}
          </button>
          {notice?.tone === 'good' && !pending ? (
            <p className={noticeClass('good')} role="status">
              {notice.text}
            </p>
          ) : null}
        </div>
      </form>
      {notes.length === 0 ? (
        <p className="mt-4 text-stone-500">No notes yet.</p>
      ) : (
        <ul className="mt-4 space-y-3 border-t border-amber-200 pt-3" aria-label="Notes">
          {notes.map((note) => (
            <li key={note.id} data-testid="internal-note">
              <p className="whitespace-pre-wrap break-words">{note.body}</p>
              <p className="mt-0.5 text-xs text-stone-500">
                {note.authorName ?? 'A former admin'} · {formatDateTime(new Date(note.createdAt))}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
