import { coreCeiling } from '../../bench/rebuild.bench';

/** The bound the rebuild bench reports as the one it hits: CPU time spread over the cores, plus the finish. */
describe('the rebuild bench: the rate the cores allow', () => {
  it('spreads the CPU time before the finish over the cores, adds the finish, and compares with the insert bound', () => {
    // 1,000 events; the writer-thread run spent 3,000 ms of CPU, 1,000 of them in a 1,000 ms finish: at best
    // 2,000 / 2 + 1,000 = 2,000 ms on 2 cores, 500 events/s. The one-thread run: 2,200 - 1,000 = 1,200 ms of
    // work before a 1,100 ms finish, 600 + 1,100 = 1,700 ms, 588 events/s.
    const ceiling = coreCeiling(1000, { cpuMs: 3000, finishCpuMs: 1000, finishMs: 1000 }, { cpuMs: 2200, finishCpuMs: 1000, finishMs: 1100 }, 1000, 2);
    expect(ceiling).toEqual({
      cores: 2,
      pipelined: { cpuUsPerEvent: 2000, eventsPerSec: 500, vsInsertBound: 0.5 },
      oneThreadWork: { cpuUsPerEvent: 1200, eventsPerSec: 588, vsInsertBound: 0.588 },
      // 0.8 of 1,000 events/s is 1,250 ms; less the 1,000 ms finish leaves 250 ms on 2 cores: 500 µs per event.
      cpuUsPerEventAtTarget: 500,
    });
  });

  it('gives more room with more cores, and none when the finish alone takes the whole target time', () => {
    const run = { cpuMs: 3000, finishCpuMs: 1000, finishMs: 1000 };
    expect(coreCeiling(1000, run, run, 1000, 4).pipelined.eventsPerSec).toBe(667);
    expect(coreCeiling(1000, { ...run, finishMs: 1300 }, run, 1000, 2).cpuUsPerEventAtTarget).toBe(0);
  });
});
