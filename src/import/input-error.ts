/** A broken input: names the file and the record (e.g. `vote_events[12] (id "ve-12")`), never a stack trace. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly record: string | undefined,
    readonly problem: string,
  ) {
    super(`${file}${record ? `, ${record}` : ''}: ${problem}`);
    this.name = 'InputError';
  }
}
