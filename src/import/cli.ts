import { ApiClient } from './api-client';
import { InputError } from './input-error';
import { ImportPlan } from './model';
import { ImportSummary, formatSummary, runImport } from './run-import';

export interface CliArgs {
  input: string;
  council?: string;
  recordAnomalies: boolean;
  quiet: boolean;
  batchItems?: number;
}

export function parseArgs(argv: readonly string[], usage: string): CliArgs {
  const positional: string[] = [];
  const args: Partial<CliArgs> = { recordAnomalies: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--council') args.council = argv[++i];
    else if (a.startsWith('--council=')) args.council = a.slice('--council='.length);
    else if (a === '--record-anomalies') args.recordAnomalies = true;
    else if (a === '--quiet') args.quiet = true;
    else if (a === '--batch-items') args.batchItems = Number(argv[++i]);
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}\n${usage}`);
    else positional.push(a);
  }
  if (positional.length !== 1) throw new UsageError(usage);
  if (args.council !== undefined && !/^(?=.{1,100}$)[a-z0-9]+(?:-[a-z0-9]+)*$/.test(args.council)) throw new UsageError(`--council must be a slug (lowercase letters, digits, hyphens)`);
  return { ...(args as CliArgs), input: positional[0] };
}

export class UsageError extends Error {}

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
  if (!args.quiet) err.write(`Importing ${planned.councils.map((c) => c.councilId).join(', ')}\n`);
  try {
    const summary = await runImport(await client(), planned, { recordAnomalies: args.recordAnomalies, progress: !args.quiet, keyPrefix, batchItems: args.batchItems });
    err.write(`${formatSummary(summary)}\n`);
    return { code: 0, summary };
  } catch (e) {
    err.write(`import failed: ${(e as Error).message}\nWhat was recorded stays recorded; run the same command again to finish (nothing is recorded twice).\n`);
    return { code: 1 };
  }
}
