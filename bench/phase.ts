/**
 * A benchmark phase that plugs into `npm run bench` without touching the runner's own parts: it gets the
 * figures measured before it in the same run (to set its own against them), and gives back its JSON fields
 * (under its name in the results file), details, targets and a section of docs/benchmarks.md.
 * Register one in bench/phases.ts (one line).
 */
export interface PhaseTarget {
  name: string;
  target: string;
  value: string;
  met: boolean | undefined;
}

export interface PhaseOutput {
  /** Becomes `results[<phase name>]` in the JSON file. */
  fields: Record<string, unknown>;
  details?: unknown;
  targets?: PhaseTarget[];
  /** Markdown lines of the phase's section (without its heading). */
  markdown: string[];
  /** Fields to merge into another part's results (e.g. `http.vsFloor`), by part name. */
  amend?: Record<string, Record<string, unknown>>;
}

export interface BenchPhase {
  name: string;
  title: string;
  /** Another doc (from the repository root) whose marked section `bench-<name>` also gets the phase's markdown. */
  alsoIn?: string;
  run(context: { quick: boolean; profile: boolean; results: Record<string, any> }): Promise<PhaseOutput>;
}
