/**
 * `pages`: walking every page of the timeline of one council with 100,000 events (`?limit=1000`, following
 * `Link: rel="next"`), the app in a child process. Figures: time per page (p50, p99; target p99 ≤ 50 ms)
 * and the service's RSS during the walk above its RSS at rest (target < 200 MB).
 */
import { log, percentile, round } from './common';
import { projectionsCaughtUp, startAppChild } from './app-child';
import { BenchPhase } from './phase';

const COUNCIL = 'bench-pages';

export const pagesPhase: BenchPhase = {
  name: 'pages',
  title: 'Pages: walking a 100,000-event timeline',
  async run({ quick }) {
    const targetEvents = quick ? 10_000 : 100_000;
    const app = await startAppChild();
    try {
      await app.post('/api/councils', { councilId: COUNCIL, name: 'Bench Pages', foundedOn: '2000-01-01', seats: 250 });
      const members = await app.post(`/api/councils/${COUNCIL}/batch`, {
        requests: Array.from({ length: 200 }, (_, i) => ({ path: '/members', body: { memberId: `member-${i}`, name: `Member Number ${i}`, electedOn: '2000-01-01' } })),
      });
      let events = 1 + members.eventIds.length;
      let last = members.position as string;
      const votes = Array.from({ length: 200 }, (_, i) => ({ memberId: `member-${i}`, choice: i % 4 === 0 ? 'no' : 'yes' }));
      log(`pages: recording ${targetEvents.toLocaleString('en')} events (divisions of 200 votes, in batches)`);
      for (let b = 0; events < targetEvents; b++) {
        const requests = [];
        for (let j = 0; j < 5; j++) {
          const id = `d-${b}-${j}`;
          const day = new Date(Date.UTC(2000, 0, 2) + (b * 5 + j) * 86_400_000).toISOString().slice(0, 10);
          requests.push({ path: '/motions', body: { motionId: id, title: `Division ${id}`, openedOn: day, online: true } });
          requests.push({ path: `/motions/${id}/roll-call`, body: { votes, decidedOn: day } });
        }
        const res = await app.post(`/api/councils/${COUNCIL}/batch`, { requests });
        events += res.eventIds.length;
        last = res.position;
      }
      // The projections follow the writes in their own thread: walk the timeline once they hold every event.
      const caughtUpFrom = performance.now();
      await projectionsCaughtUp(app.base);
      const catchUpMs = Math.round(performance.now() - caughtUpFrom);
      log(`pages: the read side caught up ${catchUpMs} ms after the last write`);
      const first = await fetch(`${app.base}/api/councils/${COUNCIL}/timeline?limit=1&minPosition=${last}`);
      await first.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const restMb = app.rssMb();
      let peakMb = restMb;
      const sampler = setInterval(() => (peakMb = Math.max(peakMb, app.rssMb())), 10);
      const times: number[] = [];
      let rows = 0;
      let next: string | undefined = `/api/councils/${COUNCIL}/timeline?limit=1000`;
      const t0 = performance.now();
      try {
        while (next) {
          const start = performance.now();
          const res: Response = await fetch(`${app.base}${next}`);
          const body = (await res.json()) as unknown[];
          times.push(performance.now() - start);
          if (res.status !== 200) throw new Error(`pages: ${next} answered ${res.status}`);
          rows += body.length;
          const link = res.headers.get('link');
          next = link ? /^<([^>]+)>/.exec(link)?.[1] : undefined;
        }
      } finally {
        clearInterval(sampler);
      }
      peakMb = Math.max(peakMb, app.rssMb());
      const totalMs = performance.now() - t0;
      const sorted = [...times].sort((a, b) => a - b);
      const p50Ms = round(percentile(sorted, 50), 2);
      const p99Ms = round(percentile(sorted, 99), 2);
      const rssAboveRestMb = round(peakMb - restMb, 1);
      log(`pages: ${times.length} pages, ${rows} rows, p99 ${p99Ms} ms, RSS +${rssAboveRestMb} MB`);
      return {
        fields: { events, pages: times.length, rows, p50Ms, p99Ms, restRssMb: round(restMb, 1), peakRssMb: round(peakMb, 1), rssAboveRestMb, catchUpMs },
        targets: [
          { name: 'pages p99 per page', target: '≤ 50 ms', value: `${p99Ms} ms`, met: p99Ms <= 50 },
          { name: 'pages RSS above rest', target: '< 200 MB', value: `${rssAboveRestMb} MB`, met: rssAboveRestMb < 200 },
        ],
        markdown: [
          `\`GET /api/councils/:id/timeline?limit=1000\`, following \`Link: rel="next"\` to the end, over a council with ${events.toLocaleString('en')} events`,
          '(divisions of 200 votes recorded by batch), one client, the app in a child process; RSS of the app sampled every 10 ms from /proc.',
          `The walk starts once the read side holds every event (the projections, in their own thread, caught up ${catchUpMs.toLocaleString('en')} ms after the last write).`,
          '',
          '| pages | rows | p50 per page | p99 per page | RSS at rest | peak RSS during the walk | above rest | total |',
          '|---|---|---|---|---|---|---|---|',
          `| ${times.length} | ${rows.toLocaleString('en')} | ${p50Ms} ms | ${p99Ms} ms | ${round(restMb, 1)} MB | ${round(peakMb, 1)} MB | ${rssAboveRestMb} MB | ${Math.round(totalMs)} ms |`,
          '',
        ],
      };
    } finally {
      await app.stop();
    }
  },
};
