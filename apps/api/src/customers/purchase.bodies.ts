import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_PURCHASE_ITEMS } from '@ledgerline/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { CurrencyCode, DecimalAmount, Instant, OptionalText, RequiredText } from '../http/field-rules';

const Quantity = () =>
  applyDecorators(
    ApiProperty({ type: String, example: '2', description: 'Positive decimal as a string, at most 4 fraction digits' }),
    IsString({ message: '$property must be a decimal written as a string, e.g. "2" or "2.5"' }),
    Matches(/^\d{1,15}(\.\d{1,4})?$/, { message: '$property must be a positive decimal with at most 4 fraction digits, e.g. "2.5"' }),
  );

const ItemList = <T>(type: new () => T, required: boolean, description: string) =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({ type: [type], minItems: 1, maxItems: MAX_PURCHASE_ITEMS, description }),
    ...(required ? [] : [IsOptional()]),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(MAX_PURCHASE_ITEMS),
    ValidateNested({ each: true }),
    Type(() => type),
  );

export class PurchaseItemBody {
  @RequiredText(100, "The product's code", 'DRL-18V')
  sku!: string;

  @RequiredText(200, "The product's name as billed", 'Cordless drill 18 V')
  name!: string;

  @OptionalText(100, "The product's category, what segments and revenue by category group by")
  category?: string | null;

  @Quantity()
  quantity!: string;

  @DecimalAmount()
  unitPrice!: string;

  @DecimalAmount()
  amount!: string;
}

export class RecordPurchaseBody {
  @RequiredText(200, 'Order id in the source system; a repeated order id is ignored', 'SO-2026-0042')
  orderId!: string;

  @DecimalAmount()
  amount!: string;

  @CurrencyCode()
  currency!: string;

  @Instant(true, 'When the purchase happened')
  occurredAt!: string;

  @ItemList(PurchaseItemBody, false, 'The lines of the purchase, each SKU once; their amounts must add up to amount')
  items?: PurchaseItemBody[];
}

export class ReturnedItemBody {
  @RequiredText(100, 'A line of the purchase', 'DRL-18V')
  sku!: string;

  @Quantity()
  quantity!: string;
}

export class ReturnPurchaseItemsBody {
  @RequiredText(200, "The return's (credit note's) id; a repeated one changes nothing", 'CN-2026-0007')
  returnId!: string;

  @ItemList(ReturnedItemBody, true, 'How much of which lines came back; each line takes back its share of its amount')
  items!: ReturnedItemBody[];

  @Instant(true, 'When the items came back')
  returnedAt!: string;
}

export class ReversePurchaseBody {
  @Instant(true, 'When the purchase was taken back in full (e.g. its invoice voided)')
  reversedAt!: string;
}
