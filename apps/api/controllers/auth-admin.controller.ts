import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import type { Principal } from '../../../libs/domain/ledger/principal.js';
import { AuthService } from '../../../libs/application/auth/auth.service.js';
import { AdminService } from '../../../libs/application/admin/admin.service.js';
import { type AuthedRequest, CurrentPrincipal, Public, Roles, bearerToken } from '../http/auth.guard.js';
import { PageQuery } from '../dto/common.dto.js';
import { CreateOrganization, CreateUser, LoginBody } from '../dto/fund.dto.js';
import { pageOf } from '../dto/mappers.js';
import { TransactionContext } from '../../../libs/persistence/transaction-context.js';

class UserListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;
}

@ApiTags('Auth 登录')
@Controller('auth')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange username and password for a bearer token (failed attempts are rate-limited)' })
  async login(@Body() body: LoginBody, @Req() req: AuthedRequest) {
    const r = await this.auth.login(body.username, body.password, req.ip ?? 'unknown');
    return { token: r.token, tokenType: 'Bearer', expiresAt: r.expiresAt.toISOString(), user: r.user };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  async logout(@Req() req: AuthedRequest) {
    await this.auth.logout(bearerToken(req)!);
  }

  @Get('me')
  @ApiBearerAuth()
  me(@CurrentPrincipal() p: Principal) {
    return p;
  }
}

@ApiTags('Administration 系统管理')
@ApiBearerAuth()
@Controller('admin')
export class AdminController {
  constructor(@Inject(AdminService) private readonly admin: AdminService) {}

  @Post('organizations')
  @HttpCode(201)
  @Roles('ADMIN')
  async createOrganization(@CurrentPrincipal() p: Principal, @Body() body: CreateOrganization) {
    const o = await this.admin.createOrganization(p, body);
    return { id: o.id, code: o.code, name: o.name, kind: o.kind, jurisdiction: o.jurisdiction, createdAt: o.createdAt.toISOString() };
  }

  @Get('organizations')
  @Roles('ADMIN')
  async listOrganizations(@Query() q: PageQuery) {
    return pageOf(await this.admin.listOrganizations(q), (o) => ({
      id: o.id,
      code: o.code,
      name: o.name,
      kind: o.kind,
      jurisdiction: o.jurisdiction,
      createdAt: o.createdAt.toISOString(),
    }));
  }

  @Post('users')
  @HttpCode(201)
  @Roles('ADMIN')
  async createUser(@CurrentPrincipal() p: Principal, @Body() body: CreateUser) {
    const u = await this.admin.createUser(p, body);
    return { ...u, createdAt: u.createdAt.toISOString() };
  }

  @Get('users')
  @Roles('ADMIN')
  async listUsers(@Query() q: UserListQuery) {
    return pageOf(await this.admin.listUsers(q, q.organizationId), (u) => ({ ...u, createdAt: u.createdAt.toISOString() }));
  }

  @Get('audit')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'The whole audit trail' })
  async audit(@Query() q: PageQuery) {
    return pageOf(await this.admin.allAudit(q), (a) => ({ ...a, at: a.at.toISOString() }));
  }
}

@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(@Inject(TransactionContext) private readonly tx: TransactionContext) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and database reachability' })
  async health() {
    await this.tx.manager().query('SELECT 1');
    return { status: 'ok', database: 'ok' };
  }
}
