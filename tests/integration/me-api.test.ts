// GET /api/me, which the header's menu reads on pages the front caches: the signed-in user's name and whether to show
// the admin link, nobody for a guest, never cacheable. Who is signed in comes through the doors' own seam.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/me/route';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { signedInAs, through } from '../support/doors';

const customer: SessionUser = { id: randomUUID(), email: 'ada@shop.test', name: 'Ada Obi', role: 'customer' };
const admin: SessionUser = { id: randomUUID(), email: 'boss@shop.test', name: 'Bisi Admin', role: 'admin' };

async function me(user: SessionUser | null) {
  const response = await through(GET, () => signedInAs(user))(new Request('http://127.0.0.1:3100/api/me'));
  return { response, body: await response.json() };
}

describe('GET /api/me', () => {
  it('answers the name, and the admin link only for an admin, never to be cached', async () => {
    const asCustomer = await me(customer);
    expect(asCustomer.response.status).toBe(200);
    expect(asCustomer.response.headers.get('cache-control')).toBe('no-store');
    expect(asCustomer.body).toEqual({ user: { name: 'Ada Obi', admin: false } });
    expect((await me(admin)).body).toEqual({ user: { name: 'Bisi Admin', admin: true } });
  });

  it('answers nobody for a guest (or a session the doors no longer accept), with a 200', async () => {
    const guest = await me(null);
    expect(guest.response.status).toBe(200);
    expect(guest.body).toEqual({ user: null });
  });
});
