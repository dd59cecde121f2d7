/**
 *   npm run import:csv -- <roll-call package folder> [--council <id>] [--seats N] [--rule <rule>] [--strict]
 *                          [--dry-run] [--report <file.json>] [--record-anomalies] [--quiet]
 * See docs/import.md.
 */
import { planCsv } from '../src/import/csv/csv-plan';
import { ImportReport } from '../src/import/report';
import { importMain } from './import-support';

const USAGE =
  'usage: npm run import:csv -- <folder with voters.csv, vote_events.csv, votes.csv [, groups.csv, datapackage.json]> [--council <id>] [--seats N] [--rule <rule>] ' +
  '[--strict] [--dry-run] [--report <file.json>] [--record-anomalies] [--quiet]';

if (require.main === module) {
  void importMain(USAGE, 'csv', (args) => planCsv(args.input, { council: args.council, seats: args.seats, rule: args.rule, report: new ImportReport(args.input, args.strict) }));
}
