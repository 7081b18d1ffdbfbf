// `npm run admin:create -- --email you@example.com [--name "Ada Admin"] [--reset]`: creates an admin in the database
// at DATABASE_URL with a generated password printed once — or ADMIN_PASSWORD when set (nothing is printed then).
// The email may also come from ADMIN_EMAIL. An existing account is refused unless --reset, which sets a new password
// and makes that account an admin.
import { parseArgs } from 'node:util';
import { createDatabase } from '../db/client';
import { createAdmin } from '../lib/auth/create-admin';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  options: { email: { type: 'string' }, name: { type: 'string' }, reset: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const email = values.email ?? positionals[0] ?? process.env.ADMIN_EMAIL;
if (!email) fail('Name the admin: npm run admin:create -- --email you@example.com (or set ADMIN_EMAIL).');
const url = process.env.DATABASE_URL;
if (!url) fail('DATABASE_URL is not set: point it at the shop database.');

const { db, sql } = createDatabase(url, { max: 1 });
try {
  const result = await createAdmin(
    { db },
    { email, name: values.name ?? process.env.ADMIN_NAME, password: process.env.ADMIN_PASSWORD || undefined, reset: values.reset },
  );
  if (!result.ok) {
    const error = result.error;
    if (error.code === 'email_taken')
      fail(`An account with ${email} already exists; nothing was changed. Pass --reset to give it a new password and make it an admin.`);
    if (error.code === 'invalid_email') fail(`${email}: ${error.message}`);
    fail(`ADMIN_PASSWORD is not strong enough: ${error.messages.join(' ')}`);
  }
  const admin = result.value;
  console.log(`${admin.action === 'created' ? 'Created' : 'Reset'} admin ${admin.email}.`);
  if (admin.generated) console.log(`Password: ${admin.password}\nShown once and stored only as a hash: keep it in your password manager now.`);
  else console.log('Password: the one in ADMIN_PASSWORD.');
} finally {
  await sql.end();
}
