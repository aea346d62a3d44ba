/** `npm run token -- <verb> [options]` (or `npx evo-token <verb>`): one line per verb. */
import { USAGE } from './arguments.ts';
import { EXPORT_USAGE, exportMain } from './exportCommand.ts';
import { tokenVerb } from './evoToken.ts';

const VERBS: Record<string, (argv: readonly string[]) => Promise<number>> = {
  native: tokenVerb,
  service: tokenVerb,
  export: (argv) => exportMain(argv.slice(1)),
};

const argv = process.argv.slice(2);
const run = Object.hasOwn(VERBS, argv[0] ?? '') ? VERBS[argv[0]!] : undefined;
if (run) process.exitCode = await run(argv);
else if (argv.includes('--help') || argv.includes('-h')) process.stderr.write(`${USAGE}\n\n${EXPORT_USAGE}\n`);
else {
  process.stderr.write(`Say what to do first: ${Object.keys(VERBS).join(', ')}.\n\n${USAGE}\n`);
  process.exitCode = 1;
}
