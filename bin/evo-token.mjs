#!/usr/bin/env node
// `npx evo-token <native|service> [options]` from a clone: runs cli/evoToken.ts through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/evoToken.ts');
process.exitCode = await main(process.argv.slice(2));
