/** `npm run token -- <verb> [options]` (or `npx evo-token <verb>`): one line per verb. */
import { USAGE } from './arguments.ts';
import { tokenVerb } from './evoToken.ts';

const VERBS: Record<string, (argv: readonly string[]) => Promise<number>> = {
  native: tokenVerb,
  service: tokenVerb,
};

const argv = process.argv.slice(2);
const run = Object.hasOwn(VERBS, argv[0] ?? '') ? VERBS[argv[0]!] : undefined;
if (run) process.exitCode = await run(argv);
else if (argv.includes('--help') || argv.includes('-h')) process.stderr.write(`${USAGE}\n`);
else {
  process.stderr.write(`Say what to do first: ${Object.keys(VERBS).join(', ')}.\n\n${USAGE}\n`);
  process.exitCode = 1;
}
