import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CouncilCommand } from '../domain/commands';
import { BatchWorkItem, CouncilWriter, WriteResult } from './council-writer';
import { FactPlan } from './fact-plan';
import { RequestContext } from './request-context';

/** Every write to a council travels the command bus as one of these; the handler is a thin shell. */
export class RecordCouncilFact extends Command<WriteResult> {
  constructor(
    readonly councilId: string,
    /** One command, or the plan of a request that decides several (a roll call). */
    readonly command: CouncilCommand | FactPlan,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RecordCouncilFact)
export class RecordCouncilFactHandler implements ICommandHandler<RecordCouncilFact, WriteResult> {
  constructor(private readonly writer: CouncilWriter) {}

  execute({ councilId, command, context }: RecordCouncilFact): Promise<WriteResult> {
    return 'steps' in command ? this.writer.executePlan(councilId, command, context) : this.writer.execute(councilId, command, context);
  }
}

/** Many write requests to one council recorded as one: all or nothing. */
export class RecordCouncilBatch extends Command<WriteResult> {
  constructor(
    readonly councilId: string,
    readonly items: BatchWorkItem[],
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RecordCouncilBatch)
export class RecordCouncilBatchHandler implements ICommandHandler<RecordCouncilBatch, WriteResult> {
  constructor(private readonly writer: CouncilWriter) {}

  execute({ councilId, items, context }: RecordCouncilBatch): Promise<WriteResult> {
    return this.writer.executeBatch(councilId, items, context);
  }
}
