import { main } from './evoToken.ts';

process.exitCode = await main(process.argv.slice(2));
