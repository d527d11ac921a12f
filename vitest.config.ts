import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Unit tests sit beside their code; tests against real services (MariaDB, dynalite, HTTP servers,
    // Chromium, child processes, seeded warehouses) live in test/ (CONTRIBUTING.md, "Where tests go").
    // infra/test needs `npm ci --prefix infra` (aws-cdk-lib lives in infra/node_modules; .ci/run installs it).
    include: [
      'src/**/*.test.ts',
      'seed/**/*.test.ts',
      'eval/**/*.test.ts',
      'test/**/*.test.ts',
      'infra/test/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Database-backed suites share one MariaDB; files run in parallel but each uses its own database.
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on CI's 2-core machines. Most of the suite's time
    // is spent waiting on MariaDB, Chromium, child servers and seeding I/O, so two files at a time on 2 cores
    // cuts the wall time without starving either (TIDELENS_TEST_WORKERS overrides, e.g. 1 to debug).
    maxWorkers: Number(process.env.TIDELENS_TEST_WORKERS ?? 2),
    // The AWS SDK warns on every process that Node 20 support ends in 2027; the README states the Node range.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
