// The layering of CONTRIBUTING.md ("Dependency rules") and docs/adr/0008-dependency-rules.md, checked by
// `npm run check:deps`. A rule's name is what a violation prints, so each says what it protects.
// Type-only imports count: a layer that needs another's types is coupled to it all the same.

const path = require('node:path');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'ui-imports-only-protocol',
      comment: 'The browser bundle sees the server only through the wire types in src/protocol.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^src/', pathNot: ['^src/ui/', '^src/protocol/'] },
    },
    {
      name: 'core-not-above',
      comment:
        'Tools, analysis, guardrails, databases, the warehouse, the rollups and the calendar are used by the agent, ' +
        'the server and the CLI, never the other way round.',
      severity: 'error',
      from: { path: '^src/(tools|analysis|guardrails|db|warehouse|rollup|calendar)/' },
      to: { path: '^src/(server|agent|cli)/' },
    },
    {
      name: 'protocol-stands-alone',
      comment: 'The wire types are shared by the server and the browser; they depend on nothing of ours.',
      severity: 'error',
      from: { path: '^src/protocol/' },
      to: { path: '^src/', pathNot: '^src/protocol/' },
    },
    {
      name: 'calendar-stands-alone',
      comment: 'Period arithmetic is pure: it may use the shared error type and nothing else of ours.',
      severity: 'error',
      from: { path: '^src/calendar/' },
      to: { path: '^src/', pathNot: ['^src/calendar/', '^src/errors\\.ts$'] },
    },
    {
      name: 'agent-not-server-or-cli',
      comment: 'The agent loop is driven by the server and the CLI; it must run without either.',
      severity: 'error',
      from: { path: '^src/agent/' },
      to: { path: '^src/(server|cli)/' },
    },
    {
      name: 'seed-uses-warehouse-and-db-only',
      comment: 'The generator builds the warehouse; it must not know the tools, the agent or the server.',
      severity: 'error',
      from: { path: '^seed/' },
      to: { path: '^src/', pathNot: ['^src/(warehouse|db)/', '^src/errors\\.ts$'] },
    },
    {
      name: 'eval-not-test',
      comment: 'The eval ships with the CLI (tidelens eval); test helpers are not part of it.',
      severity: 'error',
      from: { path: '^eval/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes load order matter and the layers meaningless.',
      severity: 'error',
      from: { path: '^(src|seed)/' },
      to: { circular: true },
    },
  ],
  options: {
    // TypeScript 7 has no JavaScript compiler API, so dependency-cruiser's own TypeScript path cannot run:
    // Babel reads the files instead, keeping type-only imports (see the file). For the same reason
    // dependency-cruiser does not list .ts files in a folder: name them with globs (npm run check:deps).
    babelConfig: { fileName: path.join(__dirname, '.dependency-cruiser.babel.cjs') },
    // No cache: its change detection only looks at the extensions dependency-cruiser can read natively,
    // which here excludes .ts, so an edited .ts file would be served a stale result.
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|data|dist)/' },
    moduleSystems: ['es6', 'cjs'],
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
