import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AuthenticatedRequest } from '../../auth/auth.guard';
import { RecordCouncilFact } from '../application/record-fact.command';
import { WriteResult } from '../application/council-writer';
import { CouncilCommand } from '../domain/commands';
import { writeContext } from './write-context';
import { WriteBody } from './common.dto';

/** What every write controller does: build the request context and send the command down the bus. */
@Injectable()
export class CouncilWrite {
  constructor(private readonly commands: CommandBus) {}

  send(councilId: string, command: CouncilCommand, body: WriteBody, req: AuthenticatedRequest): Promise<WriteResult> {
    return this.commands.execute(new RecordCouncilFact(councilId, command, writeContext(req, body)));
  }
}

/** Fields shared by the DTO and the domain command. */
export function baseOf(body: WriteBody): { recordAnomaly?: boolean; note?: string } {
  return { recordAnomaly: body.recordAnomaly, note: body.note };
}
