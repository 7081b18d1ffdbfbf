// next-auth's credentials provider as Next's bundler (and vitest) hand it to `import Credentials from …`: the
// module's `exports.default`. Plain Node's ESM loader hands an importer of a CommonJS module its whole
// `module.exports` instead ({ default, __esModule }), so the crash tests' child processes resolve the app's import of
// it here (resolve-hooks.ts).
import credentials from 'next-auth/providers/credentials';

const interop = credentials as typeof credentials & { default?: typeof credentials };

export default interop.default ?? credentials;
