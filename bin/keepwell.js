#!/usr/bin/env node
// The `keepwell` command: runs the TypeScript sources directly through tsx's loader, so there
// is no build step and no stale compiled output.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
