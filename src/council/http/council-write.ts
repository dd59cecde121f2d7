import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AuthenticatedRequest } from '../../auth/auth.guard';
import { RecordCouncilBatch, RecordCouncilFact } from '../application/record-fact.command';
import { BatchWorkItem, WriteResult } from '../application/council-writer';
import { CouncilCommand } from '../domain/commands';
import { writeContext } from './write-context';
import { WriteBody } from './common.dto';
import { FactRoute } from './fact-route';

/** What every write controller does: build the request context and send the command down the bus. */
@Injectable()
export class CouncilWrite {
  constructor(private readonly commands: CommandBus) {}

  send(councilId: string, command: CouncilCommand, body: WriteBody, req: AuthenticatedRequest): Promise<WriteResult> {
    return this.commands.execute(new RecordCouncilFact(councilId, command, writeContext(req, body)));
  }

  /** A single-fact endpoint: the route's plan (the one a batch item of that path gets) for this body. */
  route<T extends WriteBody>(route: FactRoute, councilId: string, params: Record<string, string>, body: T, req: AuthenticatedRequest): Promise<WriteResult> {
    const context = writeContext(req, body);
    return this.commands.execute(new RecordCouncilFact(councilId, route.plan(body, params), context));
  }

  batch(councilId: string, items: BatchWorkItem[], body: WriteBody, req: AuthenticatedRequest): Promise<WriteResult> {
    return this.commands.execute(new RecordCouncilBatch(councilId, items, writeContext(req, body)));
  }
}

/** Fields shared by the DTO and the domain command. */
export function baseOf(body: WriteBody): { recordAnomaly?: boolean; note?: string } {
  return { recordAnomaly: body.recordAnomaly, note: body.note };
}
