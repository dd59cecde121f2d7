/**
 *   npm run import:csv -- <folder with voters.csv, vote_events.csv, votes.csv> [--council <id>] [--record-anomalies]
 * See docs/import.md.
 */
import { planCsv } from '../src/import/csv/csv-plan';
import { importMain } from './import-support';

const USAGE = 'usage: npm run import:csv -- <folder with voters.csv, vote_events.csv, votes.csv> [--council <id>] [--record-anomalies] [--quiet]';

if (require.main === module) void importMain(USAGE, 'csv', (args) => planCsv(args.input, { council: args.council }));
