import { Projection, projectionSignature, registerProjection, registeredProjections } from '../../../src/read-models/projections/projection';
import { RowLocator } from '../../../src/read-models/projections/row-locator';
import { positionNumber } from '../../../src/read-models/projections/stamp';

/**
 * The rebuild's fact locator (row-locator.ts) on its own, past its first growths (it starts with room for
 * 32,768 keys), and the projections' registry (projection.ts), which decides what a runner projects and
 * when a changed projection makes the read models rebuild.
 */
describe('RowLocator', () => {
  it('finds each key added, in ascending rowid order however they were added, and nothing for a key never added', () => {
    const locator = new RowLocator();
    locator.add('fact-a', 9);
    locator.add('fact-b', 4);
    locator.add('fact-a', 3);
    locator.add('fact-a', 7);
    expect(locator.candidates('fact-a')).toEqual([3, 7, 9]);
    expect(locator.candidates('fact-b')).toEqual([4]);
    expect(locator.candidates('fact-c')).toEqual([]);
    expect(locator.candidates('')).toEqual([]);
  });

  it('keeps every key through its growths (100,000 keys: the table doubles twice)', () => {
    const locator = new RowLocator();
    const n = 100_000;
    for (let i = 1; i <= n; i++) locator.add(`fact-${i}`, i);
    let extra = 0;
    const missing: number[] = [];
    for (let i = 1; i <= n; i++) {
      const found = locator.candidates(`fact-${i}`);
      if (!found.includes(i)) missing.push(i);
      extra += found.length - 1;
    }
    expect(missing).toEqual([]);
    // Other keys come back only when their 32-bit hash is the same: a handful in 100,000, never a probe chain.
    expect(extra).toBeLessThan(10);
    expect(locator.candidates('fact-0')).toEqual([]);
  });
});

describe('the projections registry', () => {
  const p = (name: string, version?: number): Projection => ({ name, version, tables: [], init: () => () => undefined });

  it('adds projections in order, and one registered again under its name replaces it in place', () => {
    const before = registeredProjections().length;
    const a = p('registry-test-a');
    const b = p('registry-test-b');
    const a2 = p('registry-test-a', 2);
    registerProjection(a);
    registerProjection(b);
    registerProjection(a2);
    expect(registeredProjections().slice(before)).toEqual([a2, b]);
    expect(registeredProjections()[before]).toBe(a2);
  });

  it('signs a list of projections by name and version (1 when not given), in order', () => {
    expect(projectionSignature([p('core'), p('analytics', 3)])).toBe('core@1,analytics@3');
    expect(projectionSignature([])).toBe('');
  });

  it('reads a store position as a number', () => {
    expect(positionNumber(9_007_199_254_740_991n)).toBe(9_007_199_254_740_991);
  });
});
