#!/usr/bin/env node
// `npx evo-token <verb> [options]` from a clone: runs cli/main.ts through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
