/** Jest config for Stryker: the project's config, restricted to the tests of the scopes being mutated. */
const base = require('./jest.config.js');

const tests = JSON.parse(process.env.STRYKER_JEST_TESTS ?? '[]');
// The 100,000-event stream test would run for every append mutant: a smaller stream tests the same paging.
process.env.CONTRACT_LARGE_STREAM_EVENTS = process.env.CONTRACT_LARGE_STREAM_EVENTS ?? '1000';
process.env.CONTRACT_QUICK = '1';
// The reads property draws 100 histories; under Stryker 15 (each mutant it covers runs it once).
process.env.READS_PROPERTY_RUNS = process.env.READS_PROPERTY_RUNS ?? '15';

// No scope's tests start an app (the crash tests and e2e suites are not in any scope), so the global setup
// that transpiles the projection and bounded-read workers is left out: it ran for every mutant (jest's
// runCLI runs it each time) and cost about 5 s per mutant, more than the tests themselves.
const { globalSetup: _setup, globalTeardown: _teardown, ...rest } = base;

module.exports = {
  ...rest,
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: undefined,
  testRegex: base.testRegex,
  testPathIgnorePatterns: ['/node_modules/', '/test/crash/', 'crash\\.int\\.spec\\.ts$'],
  ...(tests.length ? { testRegex: undefined, testMatch: tests.map((t) => (t.endsWith('/') ? `${t}**/*.spec.ts` : t)) } : {}),
};
