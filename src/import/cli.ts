import { writeFileSync } from 'node:fs';
import { ApiClient } from './api-client';
import { InputError } from './input-error';
import { ImportPlan } from './model';
import { parseRule } from './rules';
import { ImportSummary, formatSummary, runImport } from './run-import';

export interface CliArgs {
  input: string;
  council?: string;
  recordAnomalies: boolean;
  quiet: boolean;
  batchItems?: number;
  /** Refuse the whole input at the first unusable record (the importers' old behaviour). */
  strict: boolean;
  /** Read and plan, print the report, write nothing. */
  dryRun: boolean;
  /** Where to write the report as JSON (field mapping, inferences, skips). */
  report?: string;
  /** A file without dates: its councils and members are "in office as of" this day. */
  asOf?: string;
  /** Roll calls: the assembly's seats, instead of the most members in office at once. */
  seats?: number;
  /** Roll calls: the decision rule, instead of the per-vote requirement or the assumed default. */
  rule?: string;
}

export function parseArgs(argv: readonly string[], usage: string): CliArgs {
  const positional: string[] = [];
  const args: Partial<CliArgs> = { recordAnomalies: false, quiet: false, strict: false, dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const [a, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${a} needs a value\n${usage}`);
      return v;
    };
    if (a === '--council') args.council = value();
    else if (a === '--record-anomalies') args.recordAnomalies = true;
    else if (a === '--quiet') args.quiet = true;
    else if (a === '--batch-items') args.batchItems = Number(value());
    else if (a === '--strict') args.strict = true;
    else if (a === '--dry-run') args.dryRun = true;
    else if (a === '--report') args.report = value();
    else if (a === '--as-of') args.asOf = value();
    else if (a === '--seats') args.seats = Number(value());
    else if (a === '--rule') args.rule = value();
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}\n${usage}`);
    else positional.push(a);
  }
  if (positional.length !== 1) throw new UsageError(usage);
  if (args.seats !== undefined && !(Number.isInteger(args.seats) && args.seats >= 1)) throw new UsageError('--seats must be a whole number of seats (1 or more)');
  if (args.rule !== undefined && parseRule(args.rule) === undefined) throw new UsageError('--rule must be majority-of-members, majority-of-present, two-thirds-of-present, two-thirds-of-members or atLeast:N');
  if (args.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.asOf)) throw new UsageError('--as-of must be a day (YYYY-MM-DD)');
  if (args.council !== undefined && !/^(?=.{1,100}$)[a-z0-9]+(?:-[a-z0-9]+)*$/.test(args.council)) throw new UsageError(`--council must be a slug (lowercase letters, digits, hyphens)`);
  return { ...(args as CliArgs), input: positional[0] };
}

export class UsageError extends Error {}

function writeReport(file: string, report: Record<string, unknown>): void {
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}

/**
 * Plans (reading and checking the whole input first: a broken input writes nothing) and then imports.
 * Returns the exit code: 0 done (refused facts are listed, not fatal), 1 broken input or a failed write, 2 usage.
 */
export async function runCli(
  args: CliArgs,
  plan: (args: CliArgs) => Promise<ImportPlan>,
  client: () => Promise<ApiClient>,
  keyPrefix: string,
  err: NodeJS.WritableStream = process.stderr,
): Promise<{ code: number; summary?: ImportSummary }> {
  let planned: ImportPlan;
  try {
    planned = await plan(args);
  } catch (e) {
    if (e instanceof InputError) {
      err.write(`import failed: ${e.message}\nNothing was recorded.\n`);
      return { code: 1 };
    }
    throw e;
  }
  if (args.dryRun) {
    err.write(`Dry run: nothing is recorded. Would found ${planned.councils.map((c) => `${c.councilId} (${c.facts.length} facts, ${c.expectedVoteEvents} vote events, ${c.expectedVotes} votes)`).join(', ')}\n`);
    err.write(`${planned.report.summaryLines().join('\n')}\n`);
    if (args.report) writeReport(args.report, planned.report.toJSON());
    return { code: 0 };
  }
  if (!args.quiet) err.write(`Importing ${planned.councils.map((c) => c.councilId).join(', ')}\n`);
  try {
    const summary = await runImport(await client(), planned, { recordAnomalies: args.recordAnomalies || !args.strict, progress: !args.quiet, keyPrefix, batchItems: args.batchItems });
    err.write(`${planned.report.summaryLines({ fields: false }).join('\n')}\n${formatSummary(summary)}\n`);
    if (args.report) writeReport(args.report, { ...planned.report.toJSON(), recorded: summary });
    return { code: 0, summary };
  } catch (e) {
    err.write(`import failed: ${(e as Error).message}\nWhat was recorded stays recorded; run the same command again to finish (nothing is recorded twice).\n`);
    return { code: 1 };
  }
}
