import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ProblemException } from '../api/problem-details.filter';
import { problem } from '../api/problem';
import { Access } from './access.decorator';
import { AuthenticatedRequest } from './auth.guard';
import { ROLES, Role, TokenService } from './token.service';
import { SLUG } from '../api/slug';

export class CreateTokenDto {
  @IsIn(ROLES as Role[])
  role!: Role;

  @IsOptional()
  @Matches(SLUG, { message: 'councilId must be a slug (lowercase letters, digits and hyphens)' })
  councilId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  label?: string;
}

@ApiTags('tokens')
@ApiBearerAuth()
@Controller('tokens')
export class TokensController {
  constructor(private readonly tokens: TokenService) {}

  @Post()
  @Access('admin')
  @ApiCreatedResponse({ description: 'The token, shown this once; only its hash is kept.' })
  async create(@Body() body: CreateTokenDto, @Req() req: AuthenticatedRequest) {
    const { token, tokenId } = await this.tokens.issue(body, req.principal!);
    return { token, tokenId, role: body.role, councilId: body.councilId, label: body.label };
  }

  @Get()
  @Access('admin')
  @ApiOkResponse({ description: 'Every token issued: id, role, council, label, when issued and revoked. Never the token or its hash.' })
  list() {
    return this.tokens.list();
  }

  /**
   * Who the presented token is: its role, its council (absent: every council) and label; never the token.
   * Lets a client (the explorer's secretary mode) check a token when it is entered rather than on the
   * first write. Any valid token may ask; without one it is a 401 even when reads are public.
   */
  @Get('me')
  @Access('read')
  @ApiOkResponse({ description: '{ tokenId, role, councilId?, label?, mayWrite, mayCorrect }' })
  me(@Req() req: AuthenticatedRequest) {
    const principal = req.principal;
    if (!principal) {
      throw new ProblemException(problem(401, 'unauthorized', 'Authentication required', 'No bearer token was sent; send "Authorization: Bearer <token>".'));
    }
    return {
      tokenId: principal.tokenId,
      role: principal.role,
      ...(principal.councilId !== undefined ? { councilId: principal.councilId } : {}),
      ...(principal.label !== undefined ? { label: principal.label } : {}),
      mayWrite: principal.role !== 'analyst',
      mayCorrect: principal.role === 'admin' || principal.role === 'historian',
    };
  }

  @Delete(':tokenId')
  @Access('admin')
  @HttpCode(204)
  async revoke(@Param('tokenId', new ParseUUIDPipe()) tokenId: string, @Req() req: AuthenticatedRequest) {
    const found = await this.tokens.revoke(tokenId, req.principal!);
    if (!found) throw new ProblemException(problem(404, 'unknown-token', 'Unknown token', `No token has the id ${tokenId}.`));
  }
}
