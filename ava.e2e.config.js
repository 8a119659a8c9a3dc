// End-to-end tests: real labs in Docker, one file at a time (`npm run test:e2e`, or
// `npx ava --config ava.e2e.config.js tests/e2e/FILE.test.ts`). A bare `npx ava` runs the unit tests only.
import { readFileSync } from 'node:fs';

const unit = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).ava;

export default {
  ...unit,
  files: ['tests/e2e/**/*.test.ts'],
  concurrency: 1,
  timeout: '10m',
};
