// Every admin entry point, found on the file system: the pages under app/(admin), the route handlers under
// app/api/admin, and the server-action files under app/(admin). The authorization tests walk these lists, so a new
// admin page, route or action is covered the day it is added.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
/** Any id will do for a dynamic segment: the door refuses the caller before anything is looked up. */
const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

function filesUnder(dir: string, name: string): string[] {
  const full = path.join(root, dir);
  const found: string[] = [];
  for (const entry of readdirSync(full)) {
    const relative = path.join(dir, entry);
    if (statSync(path.join(root, relative)).isDirectory()) found.push(...filesUnder(relative, name));
    else if (entry === name) found.push(relative);
  }
  return found;
}

/** app/(admin)/admin/orders/[id]/page.tsx → /admin/orders/<id>: route groups vanish, dynamic segments get a sample. */
function urlOf(file: string, prefix: string): string {
  const segments = path
    .dirname(file)
    .split(path.sep)
    .slice(1)
    .filter((segment) => !/^\(.*\)$/.test(segment))
    .map((segment) => (segment.startsWith('[') ? SAMPLE_ID : segment));
  const url = `/${segments.join('/')}`;
  if (!url.startsWith(prefix)) throw new Error(`${file} is not under ${prefix}`);
  return url;
}

export function adminPages(): Array<{ file: string; url: string }> {
  return filesUnder('app/(admin)', 'page.tsx').map((file) => ({ file, url: urlOf(file, '/admin') }));
}

export function adminRoutes(): Array<{ file: string; url: string; method: string }> {
  return filesUnder('app/api/admin', 'route.ts').flatMap((file) => {
    const source = readFileSync(path.join(root, file), 'utf8');
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((method) => new RegExp(`export const ${method}\\b`).test(source));
    return methods.map((method) => ({ file, url: urlOf(file, '/api/admin'), method }));
  });
}

export function adminActionFiles(): string[] {
  return filesUnder('app/(admin)', 'actions.ts');
}
