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
  return { html, text };
}
