/**
 * The HTTP floor: a bare NestJS app (Express, the same JSON body parser and global ValidationPipe as the
 * product, the same vote DTO; a ballot's body checked by the product's parseMarks) whose POSTs do nothing and
 * answer 201. What the framework alone costs.
 */
import 'reflect-metadata';
import { Body, Controller, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createValidationPipe } from '../src/api/validation';
import { CastVoteDto } from '../src/council/motions/motion.dto';
import { parseMarks } from '../src/votings/http/marks';

@Controller('councils/:councilId/motions')
class FloorController {
  @Post(':motionId/votes')
  vote(@Param('motionId') motionId: string, @Body() body: CastVoteDto) {
    return { motionId, memberId: body.memberId, choice: body.choice, eventIds: [], position: '0' };
  }
}

/** The floor of the votings phase: a ballot's body parsed as the product parses it, then nothing. */
@Controller('votings/:votingId')
class BallotFloorController {
  @Post('ballots')
  cast(@Param('votingId') votingId: string, @Body() body: Record<string, unknown>) {
    parseMarks(body);
    return { votingId, receipt: 'floor' };
  }
}

@Module({ controllers: [FloorController, BallotFloorController] })
class FloorModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(FloorModule, { bodyParser: false, logger: false });
  app.useBodyParser('json', { limit: 1024 * 1024, type: ['application/json', 'application/*+json'] });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  process.send!({ port: address.port });
  process.on('message', (m) => {
    if (m === 'stop') void app.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`http-floor-server: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
