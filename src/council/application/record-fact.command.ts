import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CouncilCommand } from '../domain/commands';
import { CouncilWriter, WriteResult } from './council-writer';
import { RequestContext } from './request-context';

/** Every write to a council travels the command bus as one of these; the handler is a thin shell. */
export class RecordCouncilFact extends Command<WriteResult> {
  constructor(
    readonly councilId: string,
    readonly command: CouncilCommand,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RecordCouncilFact)
export class RecordCouncilFactHandler implements ICommandHandler<RecordCouncilFact, WriteResult> {
  constructor(private readonly writer: CouncilWriter) {}

  execute({ councilId, command, context }: RecordCouncilFact): Promise<WriteResult> {
    return this.writer.execute(councilId, command, context);
  }
}
