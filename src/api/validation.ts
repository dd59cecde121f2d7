import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { ValidatorOptions, validateSync } from 'class-validator';
import { ProblemException } from './problem-details.filter';
import { Problem, problem } from './problem';

function flatten(errors: ValidationError[], prefix = ''): Array<{ field: string; message: string }> {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Strict validation: unknown fields are rejected, every bad field is named in `errors`. */
const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};

function validationProblem(errors: ValidationError[], prefix = ''): Problem {
  const list = flatten(errors, prefix);
  return problem(400, 'validation', 'Invalid request', list.map((e) => `${e.field}: ${e.message}`).join('; ') || 'Invalid request', {
    errors: list,
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException(validationProblem(errors)),
  });
}

/**
 * Validates a plain body against a DTO class exactly as the global ValidationPipe does (same options,
 * same problem): for bodies that do not arrive as a route's @Body() (batch items, a correction's
 * replacement). `prefix` names where the body sits ("replacement").
 */
export function validateBody<T extends object>(dto: new () => T, body: unknown, prefix = ''): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ProblemException(
      problem(400, 'validation', 'Invalid request', `${prefix || 'body'}: must be a JSON object`, {
        errors: [{ field: prefix || 'body', message: 'must be a JSON object' }],
      }),
    );
  }
  const instance = plainToInstance(dto, body);
  const errors = validateSync(instance, VALIDATOR_OPTIONS);
  if (errors.length > 0) throw new ProblemException(validationProblem(errors, prefix));
  return instance;
}
