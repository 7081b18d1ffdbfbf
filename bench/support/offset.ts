// Imported first by every benchmark: its own test-profile ports, away from `npm test` (offset 0) and `npm start`.
process.env.SHOP_TEST_PORT_OFFSET ??= '700';
export {};
