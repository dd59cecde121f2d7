import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, Problem, problem } from '../../api/problem';
import { VotingError, VotingNotFoundError, VotingRuleError } from '../domain';

/** A voting rule or a missing voting as an RFC 9457 problem, naming the rule and its figures. */
export function votingProblem(error: VotingError): Problem {
  if (error instanceof VotingNotFoundError) {
    return problem(404, `unknown-${error.entity}`, `Unknown ${error.entity}`, error.message, { entity: error.entity, id: error.id });
  }
  const rule = error as VotingRuleError;
  return problem(rule.status, rule.status === 409 ? 'conflict' : 'rule-violation', rule.status === 409 ? 'Conflict' : 'The voting rules forbid this', rule.message, {
    rule: rule.rule,
    violations: [{ rule: rule.rule, message: rule.message, ...rule.figures }],
  });
}

@Catch(VotingError)
export class VotingProblemFilter implements ExceptionFilter {
  catch(error: VotingError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    const body = { ...votingProblem(error), instance: req.originalUrl?.slice(0, 500) };
    res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }
}
