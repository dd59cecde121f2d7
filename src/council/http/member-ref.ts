import { ProblemException } from '../../api/problem-details.filter';
import { problem } from '../../api/problem';

/** A member named by `memberId` or by `name` (a name or alias), exactly one of the two. */
export function memberReference(body: { memberId?: string; name?: string }): string {
  if ((body.memberId === undefined) === (body.name === undefined)) {
    throw new ProblemException(
      problem(400, 'validation', 'Invalid request', 'Give exactly one of memberId or name.', {
        errors: [{ field: 'memberId', message: 'exactly one of memberId or name is required' }],
      }),
    );
  }
  return (body.memberId ?? body.name)!;
}
