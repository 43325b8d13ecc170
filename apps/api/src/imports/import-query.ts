import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IMPORT_KINDS, type ColumnMapping, type ImportKind } from '@ledgerline/integration';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { RequestValidationFailed } from '../http/validation';

export class ImportQuery {
  @ApiProperty({ enum: IMPORT_KINDS, description: 'What each line is' })
  @IsIn(IMPORT_KINDS)
  kind!: ImportKind;

  @ApiPropertyOptional({
    description:
      'CSV only: JSON object from column header to field, e.g. {"ERP no.":"externalRefs.erp","Company":"name"}; unmapped columns are left out',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  mapping?: string;
}

/** The mapping query parameter as an object of strings, or a 400 saying why not. */
export function parseMapping(text: string | undefined): ColumnMapping | undefined {
  if (text === undefined) return undefined;
  const refuse = () =>
    new RequestValidationFailed([{ field: 'mapping', messages: ['mapping must be a JSON object from column header to field name'] }]);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw refuse();
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    !Object.values(value).every((field) => typeof field === 'string')
  ) {
    throw refuse();
  }
  return value as ColumnMapping;
}
