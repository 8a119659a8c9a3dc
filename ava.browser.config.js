// The browser test: a real mini lab, the dashboard as a user starts it, Debian's chromium driven by
// playwright-core (`npm run test:browser`; screenshots go to tests/artifacts/).
import { readFileSync } from 'node:fs';

const unit = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).ava;

export default {
  ...unit,
  files: ['tests/browser/**/*.test.ts'],
  concurrency: 1,
  timeout: '10m',
};
