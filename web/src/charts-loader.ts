/** Observable Plot is most of the script: the charts module is loaded after the seats, in its own chunk. */
import { useEffect, useState } from 'preact/hooks';

export type ChartsModule = typeof import('./charts');
let chartsModule: Promise<ChartsModule> | undefined;
export function useCharts(wanted: boolean): ChartsModule | undefined {
  const [mod, setMod] = useState<ChartsModule | undefined>();
  useEffect(() => {
    if (!wanted || mod) return;
    (chartsModule ??= import('./charts')).then((m) => setMod(m)).catch(() => undefined);
  }, [wanted]);
  return mod;
}
