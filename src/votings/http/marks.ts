import { ProblemException } from '../../api/problem-details.filter';
import { problem } from '../../api/problem';
import { Marks } from '../domain';

/**
 * The body of a ballot, `{ "marks": { "<ballot key>": ["<candidateId>", ...] } }`, checked for shape only
 * (400 naming each bad field); the voting's rules are checked by the decision.
 */
export function parseMarks(body: unknown): Marks {
  const errors: Array<{ field: string; message: string }> = [];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    errors.push({ field: '', message: 'the body must be an object { "marks": { "<ballot key>": ["<candidateId>", ...] } }' });
  } else {
    for (const key of Object.keys(body)) if (key !== 'marks') errors.push({ field: key, message: `property ${key} should not exist` });
    const marks = (body as { marks?: unknown }).marks;
    if (marks === null || typeof marks !== 'object' || Array.isArray(marks)) {
      errors.push({ field: 'marks', message: 'marks must be an object of ballot keys to lists of candidate ids' });
    } else {
      const keys = Object.keys(marks);
      if (keys.length > 100) errors.push({ field: 'marks', message: `marks names ${keys.length} ballots; at most 100` });
      for (const key of keys.slice(0, 100)) {
        const list = (marks as Record<string, unknown>)[key];
        if (!Array.isArray(list)) errors.push({ field: `marks.${key}`, message: `marks.${key} must be an array of candidate ids` });
        else if (list.length > 10_000) errors.push({ field: `marks.${key}`, message: `marks.${key} has ${list.length} entries; at most 10000` });
        else if (!list.every((id) => typeof id === 'string' && id.length >= 1 && id.length <= 100)) {
          errors.push({ field: `marks.${key}`, message: `marks.${key} must hold candidate ids (strings of 1 to 100 characters)` });
        }
      }
    }
  }
  if (errors.length) {
    throw new ProblemException(problem(400, 'validation', 'Invalid request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors }));
  }
  return (body as { marks: Marks }).marks;
}
