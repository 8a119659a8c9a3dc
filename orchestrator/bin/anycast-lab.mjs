#!/usr/bin/env node
// The command line, bundled from orchestrator/src (`npx anycast-lab bundle`): it needs only the
// production dependencies. ANYCAST_LAB_FROM_SOURCE=1 runs the TypeScript sources through tsx
// instead (a devDependency), for working on them without bundling.
const fromSource = process.env.ANYCAST_LAB_FROM_SOURCE === '1';
if (fromSource) (await import('tsx/esm/api')).register();
const { main } = await import(fromSource ? '../src/cli/main.ts' : '../dist/cli.mjs');
process.exitCode = await main(process.argv.slice(2));
