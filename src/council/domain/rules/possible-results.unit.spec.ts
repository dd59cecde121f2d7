/**
 * Decision 52: `possibleWinners` and `possibleOutcomes` say what every completion of the counts a source
 * leaves out allows. Checked exhaustively against a brute force that tries every completion (each left-out
 * choice from 0 up, together at most the votes unaccounted for) on small figures, edges included: a
 * requirement of 0 or less, no votes unaccounted for, one, two or three options, any of them left out.
 */
import { optionsWinner, possibleOutcomes, possibleWinners, Tally } from './decision';

/** Every way to give `k` left-out choices counts that together are at most `max`. */
function completions(k: number, max: number): number[][] {
  if (k === 0) return [[]];
  const all: number[][] = [];
  for (let first = 0; first <= max; first++) for (const rest of completions(k - 1, max - first)) all.push([first, ...rest]);
  return all;
}

const sorted = (xs: (string | null)[]) => [...xs].map((x) => x ?? '<none>').sort();

describe('possibleWinners: every winner some completion gives, and no other', () => {
  const optionSets = [['a'], ['a', 'b'], ['a', 'b', 'c']];
  it('matches the brute force on every small case', () => {
    let cases = 0;
    for (const options of optionSets) {
      // Each option: given a count 0..3, or left out (4).
      for (const shape of completions(options.length, 4 * options.length).filter((c) => c.every((n) => n <= 4))) {
        const unknown = options.filter((_, i) => shape[i] === 4);
        const tally: Tally = Object.fromEntries(options.flatMap((o, i) => (shape[i] === 4 ? [] : [[o, shape[i]]])));
        for (let unaccounted = 0; unaccounted <= 5; unaccounted++) {
          for (let required = -1; required <= 4; required++) {
            const brute = new Set<string | null>();
            for (const fill of completions(unknown.length, unaccounted)) {
              const full = { ...tally, ...Object.fromEntries(unknown.map((u, i) => [u, fill[i]])) };
              brute.add(optionsWinner(full, options, required) ?? null);
            }
            const got = possibleWinners(tally, options, unknown, unaccounted, required);
            expect({ options, tally, unknown, unaccounted, required, got: sorted(got) }).toEqual({ options, tally, unknown, unaccounted, required, got: sorted([...brute]) });
            expect(new Set(got).size).toBe(got.length);
            cases++;
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(1000);
  });

  it('without left-out options it is the counts as given', () => {
    expect(possibleWinners({ a: 12, b: 11 }, ['a', 'b'], [], 0, 12)).toEqual(['a']);
    expect(possibleWinners({ a: 12, b: 12 }, ['a', 'b'], [], 0, 12)).toEqual([null]);
  });

  it('an unbounded count (attendance unknown) may reach any requirement', () => {
    expect(sorted(possibleWinners({ a: 30 }, ['a', 'b'], ['b'], Infinity, 23))).toEqual(sorted(['a', null]));
  });
});

describe('possibleOutcomes: a question, yes given or not', () => {
  it('matches the brute force on every small case', () => {
    for (const yes of [undefined, 0, 1, 2, 3]) {
      for (let unaccounted = 0; unaccounted <= 5; unaccounted++) {
        for (let required = -1; required <= 4; required++) {
          const brute = new Set<string>();
          const tries = yes === undefined ? Array.from({ length: unaccounted + 1 }, (_, i) => i) : [yes];
          for (const y of tries) brute.add(y >= required ? 'adopted' : 'rejected');
          const tally: Tally = yes === undefined ? { no: 1 } : { yes, no: 1 };
          expect([...possibleOutcomes(tally, unaccounted, required)].sort()).toEqual([...brute].sort());
        }
      }
    }
  });
});
