// Module-resolution hooks for the crash tests' child processes, which run the app's modules under plain Node (tsx)
// rather than Next's bundler or vitest:
// - `server-only` resolves to the package's own empty module, as it does for React server code (its `react-server`
//   export): a plain Node process is server-side too;
// - `next-auth/providers/credentials` resolves to the default-export interop in next-auth-credentials.ts.
import type { ResolveHook } from 'node:module';

const credentialsInterop = new URL('./next-auth-credentials.ts', import.meta.url).href;

export const resolve: ResolveHook = (specifier, context, nextResolve) => {
  if (specifier === 'server-only') return nextResolve(specifier, { ...context, conditions: [...context.conditions, 'react-server'] });
  if (specifier === 'next-auth/providers/credentials' && context.parentURL !== credentialsInterop) return nextResolve(credentialsInterop, context);
  return nextResolve(specifier, context);
};
