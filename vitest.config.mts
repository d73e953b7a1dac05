import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/standin/**/*.test.ts'],
          environment: 'node',
          // Generous for a loaded 2-core CI machine; speed is measured by benchmarks, not by timeouts.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'keychain',
          include: ['tests/keychain/**/*.test.ts'],
          environment: 'node',
          // One Secret Service; its tests run in sequence.
          fileParallelism: false,
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'cli',
          include: ['tests/cli/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 30_000,
        },
      },
    ],
  },
});
