/** Dependencies point inward: apps → libs; adapters → domain; the domain → nothing but itself. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain imports nothing but itself: no framework, driver, Node I/O or other layer.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { pathNot: '^libs/domain/' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'event-store-knows-no-domain',
      comment: 'The event store stores opaque events; it must not depend on the domain or the application.',
      severity: 'error',
      from: { path: '^libs/event-store/' },
      to: { path: '^libs/(domain|application|platform)/' },
    },
    {
      name: 'application-has-no-adapters',
      comment: 'Command handling talks to ports, never to a concrete adapter or a driver.',
      severity: 'error',
      from: { path: '^libs/application/', pathNot: '\\.(spec|int-spec|e2e-spec)\\.ts$' },
      to: { path: '(^libs/event-store/src/(postgres|eventstoredb)/|node_modules/(pg|@eventstore|kafkajs|typeorm)/)' },
    },
    {
      name: 'apps-are-independent',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-circular',
      comment: 'Type-only cycles vanish at compile time and are allowed.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|^test/support/.*\\.mjs$)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
