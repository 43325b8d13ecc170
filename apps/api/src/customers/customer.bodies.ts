import { RecordIdField } from '../http/record-id';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CUSTOMER_KINDS,
  ERASURE_GROUNDS,
  LIFECYCLE_STAGES,
  type CustomerKind,
  type CustomFieldValue,
  type ErasureGround,
  type LifecycleStage,
} from '@ledgerline/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsISO31661Alpha2,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { CustomFieldMap, OptionalText, RequiredText, TextIfPresent } from '../http/field-rules';

const TagList = () => applyDecorators(IsArray(), ArrayMaxSize(50), IsString({ each: true }), Length(1, 50, { each: true }));

export class PostalAddressBody {
  @OptionalText(300, 'Street and number (several lines in one text)')
  street?: string | null;

  @RequiredText(100, 'City', 'Berlin')
  city!: string;

  @OptionalText(100, 'Region, state or province')
  region?: string | null;

  @OptionalText(20, 'Postcode')
  postcode?: string | null;

  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2' })
  @IsISO31661Alpha2()
  country!: string;
}

const NestedAddress = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: PostalAddressBody, description }),
    IsOptional(),
    IsObject(),
    ValidateNested(),
    Type(() => PostalAddressBody),
  );

export class AddressesBody {
  @NestedAddress('Where invoices go')
  billing?: PostalAddressBody;

  @NestedAddress('Where goods go')
  shipping?: PostalAddressBody;

  @NestedAddress('Where people visit; also where the customer is located, for segments and lists')
  visiting?: PostalAddressBody;
}

export class RegisterCustomerBody {
  @RecordIdField({ optional: true, description: 'Client-chosen id; generated when absent' })
  id?: string;

  @ApiProperty({ enum: CUSTOMER_KINDS })
  @IsIn(CUSTOMER_KINDS)
  kind!: CustomerKind;

  @RequiredText(200, 'Company or person name', 'Acme GmbH')
  name!: string;

  @ApiPropertyOptional({ format: 'email' })
  @IsOptional()
  @IsEmail()
  @Length(3, 254)
  email?: string;

  @OptionalText(40, 'Phone number, E.164 preferred')
  phone?: string;

  @ApiPropertyOptional({ example: 'DE', description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @IsISO31661Alpha2()
  country?: string;

  @OptionalText(100, 'Industry')
  industry?: string;

  @OptionalText(200, 'Owning sales person (user id or email)')
  owner?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 50 })
  @IsOptional()
  @TagList()
  tags?: string[];

  @CustomFieldMap(false)
  customFields?: Record<string, CustomFieldValue>;

  @ApiPropertyOptional({ enum: LIFECYCLE_STAGES, default: 'lead' })
  @IsOptional()
  @IsIn(LIFECYCLE_STAGES)
  lifecycleStage?: LifecycleStage;

  @ApiPropertyOptional({ type: AddressesBody })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressesBody)
  addresses?: AddressesBody;
}

/** Only the fields present change; null clears an optional field. */
export class UpdateCustomerProfileBody {
  @TextIfPresent(200, 'New name')
  name?: string;

  @ApiPropertyOptional({ format: 'email', nullable: true })
  @IsOptional()
  @IsEmail()
  @Length(3, 254)
  email?: string | null;

  @OptionalText(40, 'Phone number')
  phone?: string | null;

  @ApiPropertyOptional({ example: 'FR', nullable: true })
  @IsOptional()
  @IsISO31661Alpha2()
  country?: string | null;

  @OptionalText(100, 'Industry')
  industry?: string | null;

  @CustomFieldMap(true)
  customFields?: Record<string, CustomFieldValue | null>;
}

export class ChangeLifecycleBody {
  @ApiProperty({ enum: LIFECYCLE_STAGES })
  @IsIn(LIFECYCLE_STAGES)
  lifecycleStage!: LifecycleStage;
}

export class AssignOwnerBody {
  @RequiredText(200, 'Owning sales person (user id or email)')
  owner!: string;
}

export class TagsBody {
  @ApiProperty({ type: [String], minItems: 1, maxItems: 50 })
  @ArrayMinSize(1)
  @TagList()
  tags!: string[];
}

export class LinkExternalReferenceBody {
  @RequiredText(200, "The customer's id in that system", 'C-10042')
  externalId!: string;
}

export class ArchiveCustomerBody {
  @OptionalText(500, 'Why the customer is archived')
  reason?: string;
}

export class EraseCustomerBody {
  @ApiProperty({ enum: ERASURE_GROUNDS, description: 'The ground of GDPR Art. 17(1) the erasure answers, (a) to (f)' })
  @IsIn(ERASURE_GROUNDS)
  legalBasis!: ErasureGround;

  @ApiPropertyOptional({
    example: 'DSR-2026/117',
    description: "The request's id in your ticketing (letters, digits, . _ : / # -); it is kept, so never a name or an e-mail",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,99}$/)
  requestReference?: string;
}
