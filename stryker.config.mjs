// Mutation testing (npm run mutation; not in CI: slow). Scope one folder at a time with
//   MUTATE=store|runner|queries|projections|reads|domain npm run mutation
// The default runs all of them. Results: reports/mutation/<scope>.html and stryker-incremental-<scope>.json.
const READS_TESTS = [
  '<rootDir>/test/read-models/reads.property.spec.ts',
  '<rootDir>/test/read-models/projections.unit.spec.ts',
  '<rootDir>/test/read-models/bitemporal.unit.spec.ts',
  '<rootDir>/test/read-models/cursor.unit.spec.ts',
  '<rootDir>/test/read-models/queries/',
  // The projections' focused tests: every fact's row and sentence, a rebuild against the live runner, RowLocator.
  '<rootDir>/test/read-models/projections/',
  '<rootDir>/test/read-models/descriptions.unit.spec.ts',
];
const scopes = {
  store: {
    // The EventStoreDB adapter needs a server to test (none here) except its subscription loop, which has unit tests.
    mutate: ['src/event-store/**/*.ts', '!src/event-store/**/*.spec.ts', '!src/event-store/eventstoredb/**', 'src/event-store/eventstoredb/subscribe.ts'],
    tests: ['<rootDir>/test/contract/sqlite.contract.spec.ts', '<rootDir>/src/event-store/'],
  },
  runner: {
    mutate: [
      'src/read-models/projection-runner.ts',
      'src/read-models/projection-failures.ts',
      'src/read-models/parked-events.ts',
      'src/read-models/projected-event.ts',
      'src/read-models/position-waiters.ts',
    ],
    // The property tests (rebuild, state) take minutes per run: with them each of the runner's mutants would
    // cost minutes; they are left out, and the score is the runner's own tests'.
    tests: [
      '<rootDir>/test/read-models/runner.int.spec.ts',
      '<rootDir>/test/read-models/checkpoint-atomicity.int.spec.ts',
      '<rootDir>/test/read-models/projections.unit.spec.ts',
      '<rootDir>/test/read-models/runner-waits-retries.int.spec.ts',
      '<rootDir>/test/read-models/runner-states.int.spec.ts',
      '<rootDir>/test/operations/projection-tolerance.int.spec.ts',
    ],
  },
  // The read side, one scope per folder so each is scored on its own (MUTATE=queries,projections runs both;
  // `reads` is both folders in one run). Against the reads property (every read at (at, knownAt) compared with
  // an independent fold of the events; fewer runs under Stryker, see stryker.jest.config.js) and the read
  // models' focused unit tests. The slower state and rebuild properties are left out.
  queries: {
    mutate: ['src/read-models/queries/**/*.ts', '!src/read-models/**/*.spec.ts'],
    tests: READS_TESTS,
  },
  projections: {
    mutate: ['src/read-models/projections/**/*.ts', '!src/read-models/**/*.spec.ts'],
    tests: READS_TESTS,
  },
  reads: {
    mutate: ['src/read-models/queries/**/*.ts', 'src/read-models/projections/**/*.ts', '!src/read-models/**/*.spec.ts'],
    tests: READS_TESTS,
  },
  domain: {
    mutate: ['src/council/domain/**/*.ts', '!src/council/domain/**/*.spec.ts', '!src/council/domain/fixtures.ts', '!src/council/domain/given-when-then.ts'],
    // One jest test file that loads every domain spec (test/mutation/domain-suite.ts): a module registry per
    // mutant run instead of one per spec file.
    tests: ['<rootDir>/test/mutation/domain-suite.ts'],
  },
};
// STRYKER_FILES narrows a scope to some of its files (comma-separated globs), for a partial run on a busy machine.
if (process.env.STRYKER_FILES) for (const s of Object.values(scopes)) s.mutate = process.env.STRYKER_FILES.split(',');
// STRYKER_TESTS narrows the tests too (comma-separated, relative to the repository; a folder ends with /): a part
// run against some of the scope's tests gives a lower bound of what the whole scope kills, in far less time on a
// busy machine (each mutant otherwise runs every test that covers it; jest cannot stop at the first failure).
if (process.env.STRYKER_TESTS) for (const s of Object.values(scopes)) s.tests = process.env.STRYKER_TESTS.split(',').map((t) => `<rootDir>/${t}`);
const names = process.env.MUTATE ? process.env.MUTATE.split(',') : Object.keys(scopes).filter((n) => n !== 'reads');
const chosen = names.map((n) => {
  if (!scopes[n]) throw new Error(`MUTATE=${n}: expected one of ${Object.keys(scopes).join(', ')}`);
  return scopes[n];
});
// STRYKER_LABEL names the reports and the incremental file (a part run with STRYKER_FILES keeps its own).
const label = process.env.STRYKER_LABEL ?? names.join('+');

// The jest runner reads this config; only the tests of the chosen scopes run (the crash tests fork children
// that would not see the active mutant, so they are left out).
process.env.STRYKER_JEST_TESTS = JSON.stringify(chosen.flatMap((s) => s.tests));

export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: { configFile: 'stryker.jest.config.js', enableFindRelatedTests: false },
  coverageAnalysis: 'perTest',
  checkers: [],
  mutate: chosen.flatMap((s) => s.mutate),
  incremental: true,
  incrementalFile: `reports/mutation/stryker-incremental-${label}.json`,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: `reports/mutation/${label}.html` },
  jsonReporter: { fileName: `reports/mutation/${label}.json` },
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  // STRYKER_TIMEOUT_MS: on a loaded machine a slow property run is otherwise taken for a mutant that hangs
  // (counted as detected, and each timeout restarts the test process).
  timeoutMS: Number(process.env.STRYKER_TIMEOUT_MS ?? 5000),
  timeoutFactor: 1.5,
  ignoreStatic: true,
  tempDirName: `.stryker-tmp-${label}`,
  ignorePatterns: ['reports', 'bench/results', 'data', '.stryker-tmp-*', 'dist'],
};
