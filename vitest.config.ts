import { defineConfig } from 'vitest/config';

// Tests that start real pseudo-terminals (node-pty) run in child processes: node-pty reports a
// shell's end from a native thread, which a worker thread must not be torn down under.
const pty = ['test/unit/main/shell/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...pty],
          pool: 'threads',
        },
      },
      { extends: true, test: { name: 'pty', include: pty, pool: 'forks' } },
    ],
  },
});
