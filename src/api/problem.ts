/** RFC 9457 problem details. `type` is a stable URI per kind of problem; `rule` names a broken council rule. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: Array<{ field: string; message: string }>;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const BASE = 'https://council-record.dev/problems/';

export function problemType(slug: string): string {
  return BASE + slug;
}

export function problem(status: number, slug: string, title: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  return { type: problemType(slug), title, status, detail, ...extra };
}
