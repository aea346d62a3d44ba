import { exportMain } from './exportCommand.ts';
import { main } from './evoToken.ts';

process.exitCode =
  process.argv[2] === 'export' ? await exportMain(process.argv.slice(3)) : await main(process.argv.slice(2));
