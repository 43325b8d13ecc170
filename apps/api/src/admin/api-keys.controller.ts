import { Body, Controller, Delete, Get, NotFoundException, Param, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyStore } from '@ledgerline/platform';
import { RequestValidationFailed } from '../http/validation';
import { CreateApiKeyBody } from '../auth/api-key.bodies';
import { NoIdempotencyKey } from '../auth/no-idempotency-key.guard';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';

@ApiTags('admin')
@Controller('v1/admin/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyStore) {}

  @Post()
  @Roles(...CAN.administer)
  @UseGuards(NoIdempotencyKey)
  @ApiOperation({ summary: 'Create an API key; its secret is in this answer only (a salted hash is kept)' })
  @ApiCreatedResponse({ description: '{ id, name, roles, createdAt, lastUsedAt, expiresAt, revokedAt, secret }' })
  create(@Body() body: CreateApiKeyBody) {
    const expiresAt = body.expiresAt === undefined ? undefined : new Date(body.expiresAt);
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw new RequestValidationFailed([{ field: 'expiresAt', messages: ['expiresAt must be in the future'] }]);
    }
    return this.keys.create({ name: body.name, roles: body.roles, expiresAt });
  }

  @Get()
  @Roles(...CAN.readOperations)
  @ApiOperation({ summary: 'Every API key with its roles, creation, last use, expiry and revocation; never a secret' })
  @ApiOkResponse({ description: '{ items: [{ id, name, roles, createdAt, lastUsedAt, expiresAt, revokedAt }] }' })
  async list() {
    return { items: await this.keys.list() };
  }

  @Delete(':id')
  @Roles(...CAN.administer)
  @ApiOperation({ summary: 'Revoke an API key: it is refused from now on (revoking again changes nothing)' })
  @ApiOkResponse({ description: '{ id, name, roles, createdAt, lastUsedAt, expiresAt, revokedAt }' })
  async revoke(@Param('id') id: string) {
    const revoked = await this.keys.revoke(id);
    if (!revoked) throw new NotFoundException(`There is no API key ${id}.`);
    return revoked;
  }
}
