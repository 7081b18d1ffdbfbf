// HTML and plain-text bodies of one email, from the same React element.
import { plainTextSelectors, render } from '@react-email/components';
import type { ReactElement } from 'react';

export interface RenderedEmail {
  html: string;
  text: string;
}

// Layout tables read as aligned columns in plain text ("Subtotal   ₦61,000.00"), not run together.
const htmlToTextOptions = { wordwrap: false as const, selectors: [...plainTextSelectors, { selector: 'table', format: 'dataTable' }] };

export async function renderEmail(element: ReactElement): Promise<RenderedEmail> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true, htmlToTextOptions })]);
  return { html, text: detachUrlPunctuation(text) };
}

// A sentence's full stop (or comma, colon…) right after a link's address is read by mail apps as part of the address,
// which then 404s ("…/invoice?token=abc."). In plain text a link's address stands after its words, so the punctuation
// that closed the sentence in HTML adds nothing there: it is dropped. No address of this shop ends in punctuation.
const urlThenPunctuation = /(https?:\/\/[^\s<>"]*?)[.,;:!?]+(?=\s|$)/g;

export function detachUrlPunctuation(text: string): string {
  return text.replace(urlThenPunctuation, '$1');
}
