/**
 *   npm run import:popolo -- <file.json | folder> [--council <id>] [--as-of YYYY-MM-DD] [--strict] [--dry-run]
 *                             [--report <file.json>] [--record-anomalies] [--quiet]
 * See docs/import.md.
 */
import { planPopolo } from '../src/import/popolo/popolo-plan';
import { ImportReport } from '../src/import/report';
import { importMain } from './import-support';

const USAGE =
  'usage: npm run import:popolo -- <file.json | folder> [--council <id>] [--as-of YYYY-MM-DD] [--strict] [--dry-run] [--report <file.json>] [--record-anomalies] [--quiet]';

if (require.main === module) {
  void importMain(USAGE, 'popolo', (args) => planPopolo(args.input, { council: args.council, asOf: args.asOf, report: new ImportReport(args.input, args.strict) }));
}
