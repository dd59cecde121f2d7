/**
 *   npm run import:popolo -- <file.json | folder> [--council <id>] [--record-anomalies]
 * See docs/import.md.
 */
import { planPopolo } from '../src/import/popolo/popolo-plan';
import { importMain } from './import-support';

const USAGE = 'usage: npm run import:popolo -- <file.json | folder> [--council <id>] [--record-anomalies] [--quiet]';

if (require.main === module) void importMain(USAGE, 'popolo', (args) => planPopolo(args.input, { council: args.council }));
