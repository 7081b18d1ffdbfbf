// The layer rules of the house, checked on every `npm run lint` and in `npm test`'s static checks, so a wrong-way import
// fails the build instead of waiting for a reviewer: pages and routes (app/) sit on components/, which sit on lib/ and
// db/; db/ sits on the small kernel lib/core/ only; domain code (lib/<domain>) never reaches for the Next glue in
// lib/server/; background jobs (inngest/) call lib/, never the other way round; and no module imports itself in a circle.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle makes load order matter and hides which module owns what: break it by moving the shared part down a layer.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'components-not-to-app',
      severity: 'error',
      comment: 'Components are shared by routes; a component importing app/ (usually a server action) belongs with its route under app/**/_components/.',
      from: { path: '^components/' },
      to: { path: '^app/' },
    },
    {
      name: 'components-only-types-from-db',
      severity: 'error',
      comment: 'Components may name database row types, but reading the database is the job of a page, a loader or a use case in lib/.',
      from: { path: '^components/' },
      to: { path: '^db/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'db-only-kernel-from-lib',
      severity: 'error',
      comment: 'db/ sits below the domain: from lib/ it takes only the kernel in lib/core/ (env, money, dates, result, list paging).',
      from: { path: '^db/' },
      to: { path: '^lib/', pathNot: '^lib/core/' },
    },
    {
      name: 'domain-not-to-server',
      severity: 'error',
      comment: 'Domain code is framework-free: lib/<domain> receives its dependencies as arguments; lib/server/ is the Next glue that wires them.',
      from: { path: '^lib/', pathNot: '^lib/(server|core)/' },
      to: { path: '^lib/server/' },
    },
    {
      name: 'core-stays-kernel',
      severity: 'error',
      comment: 'The kernel is imported by every layer, so it imports none of them.',
      from: { path: '^lib/core/' },
      to: { path: '^(app|components|db|inngest)/|^lib/(?!core/)' },
    },
    {
      name: 'lib-not-to-inngest',
      severity: 'error',
      comment: 'Jobs call lib/, never the other way round: lib/ queues work through the outbox.',
      from: { path: '^lib/' },
      to: { path: '^inngest/' },
    },
    {
      name: 'not-to-tests',
      severity: 'error',
      comment: 'Shipped code never imports test code.',
      from: { path: '^(app|components|db|lib|inngest)/' },
      to: { path: '^tests/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Only the application's own layers are cruised (tests, scripts and bench may import across them freely).
    includeOnly: '^(app|components|db|lib|inngest|proxy\\.ts|instrumentation\\.ts)',
    // `import type` counts as a dependency (and is marked type-only), which is what lets components take types from db/.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
