// The test stack's mail catcher (maildev), read through its HTTP API. It is shared by every test file, so tests use
// their own recipient addresses and read only their own messages.
import { profiles } from '../../scripts/stack/profiles';
import { waitFor } from './wait';

export interface CaughtMail {
  id: string;
  subject: string;
  to: Array<{ address: string }>;
  html: string;
  text: string;
  attachments?: Array<{ generatedFileName: string; contentType: string }>;
}

export const inboxUrl = `http://127.0.0.1:${profiles.test.ports.mailWeb}`;

export async function inboxFor(address: string): Promise<CaughtMail[]> {
  const response = await fetch(`${inboxUrl}/api/email`);
  if (!response.ok) throw new Error(`mail catcher answered ${response.status}`);
  const all = (await response.json()) as CaughtMail[];
  return all.filter((mail) => mail.to.some((to) => to.address.toLowerCase() === address.toLowerCase()));
}

/** Waits until `address` has at least `count` messages matching `where` (all by default), and returns them. */
export function mailTo(address: string, count: number, where: (mail: CaughtMail) => boolean = () => true, timeoutMs = 10_000): Promise<CaughtMail[]> {
  return waitFor(
    `${count} email(s) to ${address}`,
    async () => {
      const mails = (await inboxFor(address)).filter(where);
      return mails.length >= count ? mails : undefined;
    },
    timeoutMs,
  );
}
