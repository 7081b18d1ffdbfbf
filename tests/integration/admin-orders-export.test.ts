// The orders CSV export, called as Next calls it (the route handler with a real Request) over 5,000 real order rows
// written in two bulk statements: every row arrives once, in the list's order, properly escaped, money as decimals
// with its currency; and it streams — many chunks, heap flat while reading, and rows read from the database after
// the first chunk was already delivered. Stood in: who is signed in, through the doors' own seam.
import vm from 'node:vm';
import v8 from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/admin/orders/export.csv/route';
import { orderExportBatch } from '@/db/queries/admin-order-list';
import { orderListQuerySchema } from '@/lib/admin/order-list-query';
import { ORDER_CSV_HEADER } from '@/lib/admin/orders-csv';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { bulkInsertOrders, deleteTaggedOrders, fixtureTag, insertOrders } from '../support/admin-order-fixtures';
import { cartTestClients, createFixtureUser, deleteFixtureUsers } from '../support/cart-fixtures';
import { request } from '../support/checkout-api-fixtures';
import { signedInAs, through } from '../support/doors';

const ORDERS = 5_000;
const { db, sql: client, redis } = cartTestClients();
const tag = fixtureTag('csv');
const userIds: string[] = [];
let admin: SessionUser;
let customer: SessionUser;

// A full collection on demand, without restarting the test worker with --expose-gc.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

/** How much heap what `load` returns takes while it is held. */
async function heapHeldBy(load: () => Promise<unknown>): Promise<number> {
  const before = heapAfterGc();
  const held = await load();
  const cost = heapAfterGc() - before;
  return held ? cost : 0;
}

beforeAll(async () => {
  const [adminRow, customerRow] = [await createFixtureUser(db, 'admin'), await createFixtureUser(db, 'customer')];
  userIds.push(adminRow.id, customerRow.id);
  admin = { id: adminRow.id, email: adminRow.email, name: adminRow.name, role: 'admin' };
  customer = { id: customerRow.id, email: customerRow.email, name: customerRow.name, role: 'customer' };
  await bulkInsertOrders(db, tag, ORDERS);
}, 60_000);

afterAll(async () => {
  await deleteTaggedOrders(db, tag);
  await deleteFixtureUsers(db, redis, userIds);
  await client.end();
});

const exportAs = (as: SessionUser | null, query: Record<string, string>) =>
  through(GET, () => signedInAs(as))(request('GET', `/api/admin/orders/export.csv?${new URLSearchParams(query)}`));

/** Splits CSV text into records by CRLF outside quotes (fields here may hold commas and quotes, never line breaks). */
const records = (text: string) => text.split('\r\n').filter((line) => line !== '');

/** One record's fields: quoted fields unquoted (doubled quotes undone), as a spreadsheet reads them. */
function fieldsOf(record: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < record.length; index += 1) {
    const char = record[index]!;
    if (quoted) {
      if (char === '"' && record[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

describe('GET /api/admin/orders/export.csv', () => {
  it('streams 5,000 orders in many chunks with a flat heap, each row once, in the list’s order', async () => {
    const query = { q: tag, sort: 'created', dir: 'desc' };
    // Warm up: the first export compiles code and fills caches once.
    const warmUp = (await exportAs(admin, query)).body!.getReader();
    while (!(await warmUp.read()).done);
    const baseline = heapAfterGc();
    const response = await exportAs(admin, query);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers.get('cache-control')).toBe('no-store');

    const reader = response.body!.getReader();
    // Keep the byte-order mark (a decoder drops it by default) to see that the file starts with it.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    // The heap (and array buffers) above the baseline after each chunk, after a full collection.
    const growth: number[] = [];
    let chunks = 0;
    let rows = 0;
    let header = '';
    let carry = '';
    let inOrder = true;
    // Count records as they arrive and keep nothing but the unfinished line: the test must not buffer either.
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks += 1;
      const lines = (carry + decoder.decode(value, { stream: true })).split('\r\n');
      carry = lines.pop() ?? '';
      for (const line of lines) {
        if (!header) {
          header = line;
          continue;
        }
        rows += 1;
        // Newest first: the bulk emails are <tag>-1, -2, … placed a second apart going back, so row n is <tag>-n.
        if (!line.includes(`,${tag}-${rows}@example.test,`)) inOrder = false;
      }
      growth.push(heapAfterGc() - baseline);
    }
    expect(carry).toBe('');
    // What holding every exported row at once costs: the least a route that read the whole result first would need.
    const holdingEveryRow = await heapHeldBy(() => orderExportBatch(db, orderListQuerySchema.parse(query), null, ORDERS));
    expect(header).toBe(`\uFEFF${ORDER_CSV_HEADER.join(',')}`);
    expect(rows).toBe(ORDERS);
    expect(inOrder).toBe(true);
    // One chunk per 500-row batch (plus the header): a stream, not one buffered blob.
    expect(chunks).toBeGreaterThanOrEqual(ORDERS / 500);
    // Flat memory: while the download was read the heap held about one batch, never anything like every row at once
    // (a route that read everything first would sit above that line from the first chunk; one that kept its rows
    // would end above it). The median ignores a stray spike of the test worker's own allocations.
    expect(holdingEveryRow).toBeGreaterThan(1_000_000);
    const sorted = [...growth].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(holdingEveryRow / 3);
    expect(sorted.at(-1)).toBeLessThan(holdingEveryRow * 0.75);
  });

  it('reads the database batch by batch as the download asks: a row written after the first chunk is still exported', async () => {
    const response = await exportAs(admin, { q: tag, sort: 'created', dir: 'asc' });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    // The header, then the first batch (the oldest 500 orders).
    for (let read = 0; read < 2; read += 1) text += decoder.decode((await reader.read()).value, { stream: true });
    expect(records(text)).toHaveLength(1 + 500);
    // Placed now, so it sorts after every bulk order: a route that had read its whole result already would miss it.
    const [late] = await insertOrders(db, [{ email: `late-${tag}@example.test`, status: 'paid', total: 9_999_00 }]);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const lines = records(text);
    expect(lines).toHaveLength(1 + ORDERS + 1);
    expect(lines.at(-1)).toContain(late!.number);
  });

  it('escapes fields, writes money as decimals with the currency column, and neutralises formulas', async () => {
    const label = fixtureTag('csv-escape');
    const [order] = await insertOrders(db, [
      { email: `=cmd|calc.${label}@example.test`, status: 'partially_refunded', total: 12_345_67, refunded: 2_000_00, reference: `TXN-ESC${label.slice(-8)}` },
    ]);
    try {
      const bytes = new Uint8Array(await (await exportAs(admin, { q: label })).arrayBuffer());
      // UTF-8 with a byte-order mark, so spreadsheet programs read ₦ and accented names right.
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, line, ...rest] = records(new TextDecoder().decode(bytes));
      expect(header!.startsWith('Order number,')).toBe(true);
      expect(rest).toEqual([]);
      const fields = fieldsOf(line!);
      expect(fieldsOf(header!).slice(4, 12)).toEqual(['Email', 'Customer', 'Phone', 'Delivery', 'Ship to', 'Address', 'Items', 'Payment reference']);
      expect(fields[0]).toBe(order!.number);
      expect(fields[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(fields[3]).toBe('Partly refunded');
      expect(fields[4]).toBe(`'=cmd|calc.${label}@example.test`);
      // A guest: the customer is named as the list names them (the name on the order), then how to reach and deliver.
      expect(fields.slice(5, 10)).toEqual(['Admin Fixture', '08031234567', 'Standard delivery', 'Admin Fixture', '1 Marina, Lagos Island, Lagos, Nigeria']);
      expect(fields.slice(11)).toEqual([`TXN-ESC${label.slice(-8)}`, 'NGN', '9845.67', '2500.00', '12345.67', '2000.00']);
      // The bulk orders' shipping name holds a comma and quotes: one quoted field, quotes doubled.
      const bulk = records(await (await exportAs(admin, { q: `${tag}-1@` })).text())[1]!;
      expect(bulk).toContain(`,"Bulk, ""Buyer"" ${tag}",`);
    } finally {
      await deleteTaggedOrders(db, label);
    }
  });

  it('exports only for admins: 401 anonymous, 403 customer, and never a byte of CSV', async () => {
    const anonymous = await exportAs(null, { q: tag });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/json');
    const byCustomer = await exportAs(customer, { q: tag });
    expect(byCustomer.status).toBe(403);
    expect(await byCustomer.json()).toMatchObject({ error: { code: 'forbidden' } });
  });
});
