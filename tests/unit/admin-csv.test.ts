// CSV fields as spreadsheets read them: quoted only when needed, quotes doubled, formulas neutralised, CRLF records.
import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from '@/lib/admin/csv';
import { orderCsvLine } from '@/lib/admin/orders-csv';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['Ada, Lagos', '"Ada, Lagos"'],
    ['Say "hi"', '"Say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+2348031234567', "'+2348031234567"],
    ['-1', "'-1"],
    ['@handle', "'@handle"],
    ['\tindented', "'\tindented"],
    // Spreadsheets set to a `;` list separator (much of Europe) split an unquoted semicolon into two columns.
    ['Ada; Lagos', '"Ada; Lagos"'],
    ['=1;=2', '"\'=1;=2"'],
    // A formula after leading blanks: some importers trim them first, then evaluate.
    ["  =cmd|' /C calc'!A0", "'  =cmd|' /C calc'!A0"],
    [' +1', "' +1"],
    ['\u00a0@SUM(A1)', "'\u00a0@SUM(A1)"],
    ['\t=cmd', "'\t=cmd"],
    ['\r=cmd', '"\'\r=cmd"'],
    ['\n=cmd', '"\'\n=cmd"'],
    ['\nplain', '"\'\nplain"'],
    // Blanks before ordinary text change nothing.
    ['  Ada', '  Ada'],
    ['=HYPERLINK("x","y")', '"\'=HYPERLINK(""x"",""y"")"'],
    ['', ''],
    [null, ''],
    [undefined, ''],
    [-250, '-250'],
    [0, '0'],
  ] as const)('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('csvLine', () => {
  it('joins fields with commas and ends the record with CRLF', () => {
    expect(csvLine(['a', 'b, c', null, 3])).toBe('a,"b, c",,3\r\n');
  });
});

describe('orderCsvLine', () => {
  it('writes money as decimals in its currency, the status in words, the account name before the shipping name, phone, delivery, address and items', () => {
    const row = {
      number: 'SO-100042',
      placedAt: '2026-12-03 14:05:00',
      paidAt: null,
      status: 'partially_refunded' as const,
      email: 'ada@example.test',
      customerName: 'Ada Obi',
      shippingName: 'Ada O.',
      deliveryOption: 'standard',
      settingsSnapshot: null,
      shippingAddress: { fullName: 'Ada O.', phone: '08031234567', line1: '1 Marina', line2: 'Flat 2', city: 'Lagos Island', state: 'Lagos', country: 'NG' },
      items: '2 × Tote – Blue (TOTE-BLU); 1 × Cap – Red (CAP-RED)',
      paymentReference: 'TXN-ABC',
      currency: 'NGN' as const,
      subtotalAmount: 2_850_005,
      shippingAmount: 250_000,
      totalAmount: 3_100_005,
      refundedAmount: 5,
    };
    expect(orderCsvLine(row)).toBe(
      'SO-100042,2026-12-03 14:05:00,,Partly refunded,ada@example.test,Ada Obi,08031234567,Standard delivery,Ada O.,"1 Marina, Flat 2, Lagos Island, Lagos, Nigeria","2 × Tote – Blue (TOTE-BLU); 1 × Cap – Red (CAP-RED)",TXN-ABC,NGN,28500.05,2500.00,31000.05,0.05\r\n',
    );
    expect(orderCsvLine({ ...row, customerName: null })).toContain(',Ada O.,');
  });
});
