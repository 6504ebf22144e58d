import { defineConfig } from 'vitest/config';

/** Settings every project shares; projects do not inherit the root's test options on their own. */
const shared = {
  // Real databases and argon2 hashing: give hooks room on a slow CI machine.
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    // Runs once for the whole run, even when one project is selected: it provides the PostgreSQL server.
    globalSetup: ['test/support/global-setup.ts'],
    // VITEST_RESULTS=<file> also writes the results as JSON (CI prints a one-line summary from it).
    reporters: process.env.VITEST_RESULTS ? ['default', ['json', { outputFile: process.env.VITEST_RESULTS }]] : ['default'],
    projects: [
      { test: { ...shared, name: 'unit', include: ['src/**/*.test.ts', 'demo/**/*.test.ts'] } },
      { test: { ...shared, name: 'integration', include: ['test/**/*.test.ts'] } },
    ],
  },
});
