import { ProblemException } from '../../api/problem-details.filter';
import { problem } from '../../api/problem';
import { baseOf } from '../http/council-write';
import { factRoute } from '../http/fact-route';
import { NotFoundError } from '../domain/errors';
import { CorrectionDto } from './correction.dto';
import { parseReplacement } from './replacement';

export const correctionRoute = factRoute({
  path: '/corrections',
  dto: CorrectionDto,
  access: 'correction',
  plan: (body) => {
    if (body.action === 'replace' && !body.replacement) {
      throw new ProblemException(
        problem(400, 'validation', 'Invalid request', 'replacement: a replace correction needs the replacement body', {
          errors: [{ field: 'replacement', message: 'required when action is replace' }],
        }),
      );
    }
    if (body.action === 'retract' && body.replacement !== undefined) {
      throw new ProblemException(
        problem(400, 'validation', 'Invalid request', 'replacement: a retraction takes no replacement', {
          errors: [{ field: 'replacement', message: 'only allowed when action is replace' }],
        }),
      );
    }
    return {
      steps: [
        {
          // The replacement is "the body the original write would take": its form depends on the original
          // fact, as the record stands just before this step (in a batch, items before it included).
          command: (state) => {
            let replacement;
            if (body.action === 'replace') {
              const original = state.facts.get(body.eventId);
              if (!original) throw new NotFoundError('event', body.eventId);
              replacement = parseReplacement(original.type, original.data as unknown as Record<string, unknown>, body.replacement!);
            }
            return { kind: 'CorrectFact', ...baseOf(body), eventId: body.eventId, action: body.action, replacement, reason: body.reason };
          },
        },
      ],
    };
  },
});

export const correctionRoutes = [correctionRoute];
