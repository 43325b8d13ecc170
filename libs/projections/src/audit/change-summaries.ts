import {
  recordKindOfEventType,
  unreachable,
  type CustomerEvent,
  type DealEvent,
  type DomainEvent,
  type InteractionEvent,
  type PipelineEvent,
  type PipelineStage,
  type PostalAddress,
  type Change,
  type EventOf,
  type RecordKind,
  type SegmentEvent,
} from '@ledgerline/domain';

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** One field of a record: what it was and what it became; for set-like fields, what was added or removed. */
export type FieldChange =
  Readonly<{ from: Json; to: Json }> | Readonly<{ added: readonly Json[] }> | Readonly<{ removed: readonly Json[] }>;

/**
 * Field path (`name`, `customFields.plan`, `externalReferences.erp`) → its change. `from` is null
 * where the field had no value before, or where the event does not tell it (the timeline never
 * looks at other events to fill it in).
 */
export type AuditChanges = Readonly<Record<string, FieldChange>>;

/** What an event did, for people (`summary`) and for programs (`changes`). */
export type ChangeSummary = Readonly<{ summary: string; changes: AuditChanges }>;

const MAX_SHOWN = 80;

/** A value as a person reads it in a summary: "(none)" for no value, long texts cut short. */
const show = (value: Json | undefined): string => {
  if (value === null || value === undefined) return '(none)';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
};

const arrow = (label: string, from: Json | undefined, to: Json | undefined): string => `${label}: ${show(from)} → ${show(to)}`;

/** An event that changes one field and says both values: "label: from → to". */
const oneField = (label: string, field: string, { from, to }: Readonly<{ from: Json; to: Json }>): ChangeSummary => ({
  summary: arrow(label, from, to),
  changes: { [field]: { from, to } },
});

/** "12000.5" → "12,000.5": the decimal string as the event holds it, integer digits grouped by thousands. */
export const formatMoney = (amount: string, currency: string): string => {
  const [whole, fraction] = amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${fraction === undefined ? grouped : `${grouped}.${fraction}`} ${currency}`;
};

/** "2026-02-03T10:00:00.000Z" → "2026-02-03 10:00 UTC". */
const formatInstant = (instant: string | null): string | null =>
  instant === null ? null : instant.replace(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}).*$/, '$1 $2 UTC');

/** `{ field: { from: null, to } }` for every field given a value (not null, not empty): what a new record starts with. */
const initialValues = (fields: Readonly<Record<string, Json>>): Record<string, FieldChange> =>
  Object.fromEntries(
    Object.entries(fields)
      .filter(([, value]) => value !== null && !(Array.isArray(value) && value.length === 0))
      .map(([field, value]) => [field, { from: null, to: value }]),
  );

const prefixed = (prefix: string, values: Readonly<Record<string, Json>>): Record<string, Json> =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [`${prefix}.${key}`, value]));

/** An event that lists the fields it changed: "label: from → to" for each, in the event's order. */
const labelledChanges = <Field extends string>(
  changes: Readonly<Partial<Record<Field, Change<Json>>>>,
  labels: Readonly<Record<Field, string>>,
  shown: (field: Field, value: Json) => Json = (_field, value) => value,
): ChangeSummary => {
  const changed = Object.entries(changes) as [Field, Change<Json>][];
  return {
    summary: changed.map(([field, { from, to }]) => arrow(labels[field], shown(field, from), shown(field, to))).join('; '),
    changes: Object.fromEntries(changed.map(([field, { from, to }]) => [field, { from, to }])),
  };
};

/** "Hauptstraße 1, 10115 Berlin, DE": the parts the address has, in the order a letter shows them. */
const addressLine = ({ street, postcode, city, region, country }: PostalAddress): string =>
  [street, [postcode, city].filter(Boolean).join(' '), region, country].filter(Boolean).join(', ');

const withReason = (what: string, reason: string | null): string => (reason === null ? what : `${what}: ${show(reason)}`);

export function describeCustomerEvent(event: CustomerEvent): ChangeSummary {
  switch (event.type) {
    case 'CustomerRegistered': {
      const { customerId: _customerId, registeredAt: _registeredAt, customFields, tags, ...profile } = event.data;
      return {
        summary: `registered ${profile.kind} ${profile.name} as ${profile.lifecycleStage}`,
        changes: {
          ...initialValues({ ...profile, ...prefixed('customFields', customFields) }),
          ...(tags.length > 0 ? { tags: { added: tags } } : {}),
        },
      };
    }
    case 'CustomerProfileUpdated': {
      const { customFields = {}, ...fields } = event.data.changes;
      const profile = Object.entries(fields).map(([field, change]) => ({ field, label: field, change }));
      const custom = Object.entries(customFields).map(([key, change]) => ({
        field: `customFields.${key}`,
        label: `custom field ${key}`,
        change,
      }));
      const all = [...profile, ...custom];
      return {
        summary: all.map(({ label, change }) => arrow(label, change.from, change.to)).join('; '),
        changes: Object.fromEntries(all.map(({ field, change }) => [field, { from: change.from, to: change.to }])),
      };
    }
    case 'CustomerLifecycleStageChanged':
      return oneField('lifecycle stage', 'lifecycleStage', event.data);
    case 'CustomerOwnerAssigned':
      return oneField('owner', 'owner', event.data);
    case 'CustomerTagsAdded':
      return { summary: `tags: ${event.data.tags.map((tag) => `+${tag}`).join(', ')}`, changes: { tags: { added: event.data.tags } } };
    case 'CustomerTagsRemoved':
      return { summary: `tags: ${event.data.tags.map((tag) => `-${tag}`).join(', ')}`, changes: { tags: { removed: event.data.tags } } };
    case 'CustomerExternalReferenceLinked': {
      const { system, externalId, previousExternalId } = event.data;
      return oneField(`external reference ${system}`, `externalReferences.${system}`, { from: previousExternalId, to: externalId });
    }
    case 'CustomerExternalReferenceUnlinked': {
      const { system, externalId } = event.data;
      return oneField(`external reference ${system}`, `externalReferences.${system}`, { from: externalId, to: null });
    }
    case 'CustomerAddressSet': {
      const { addressType, address } = event.data;
      return {
        summary: `${addressType} address: ${show(addressLine(address))}`,
        changes: { [`addresses.${addressType}`]: { from: null, to: address } },
      };
    }
    case 'CustomerAddressRemoved': {
      const { addressType } = event.data;
      return { summary: `${addressType} address removed`, changes: { [`addresses.${addressType}`]: { from: null, to: null } } };
    }
    case 'CustomerPurchaseRecorded': {
      const { customerId: _customerId, ...purchase } = event.data;
      return {
        summary: `purchase ${purchase.orderId}: ${formatMoney(purchase.amount, purchase.currency)}`,
        changes: { purchases: { added: [purchase] } },
      };
    }
    case 'CustomerPurchaseReversed': {
      const { customerId: _customerId, ...reversal } = event.data;
      return {
        summary: `purchase ${reversal.orderId} reversed: ${formatMoney(reversal.amount, reversal.currency)}`,
        changes: { purchases: { removed: [reversal] } },
      };
    }
    case 'CustomerPurchaseItemsReturned': {
      const { customerId: _customerId, ...returned } = event.data;
      const items = returned.items.map((item) => `${item.quantity} × ${item.sku}`).join(', ');
      return {
        summary: `purchase ${returned.orderId}: return ${returned.returnId} of ${formatMoney(returned.amount, returned.currency)} (${show(items)})`,
        changes: { returns: { added: [returned] } },
      };
    }
    case 'CustomerArchived': {
      const { reason, archivedAt } = event.data;
      return {
        summary: withReason('archived', reason),
        changes: { status: { from: 'active', to: 'archived' }, ...initialValues({ archivedAt, archiveReason: reason }) },
      };
    }
    case 'CustomerErased': {
      const { legalBasis, requestReference, erasedAt } = event.data;
      return {
        summary: `personal data erased (${legalBasis}${requestReference === null ? '' : `, request ${requestReference}`})`,
        changes: { status: { from: null, to: 'erased' }, ...initialValues({ erasedAt, legalBasis, requestReference }) },
      };
    }
    default:
      return unreachable(event);
  }
}

const stageList = (stages: readonly PipelineStage[]): string => stages.map((stage) => `${stage.name} ${stage.probability}%`).join(', ');

/** What changed between two stage lists: new stages, renames, new probabilities, a new order. */
const stageDifferences = (from: readonly PipelineStage[], to: readonly PipelineStage[]): string[] => {
  const before = new Map(from.map((stage) => [stage.id, stage]));
  const parts: string[] = [];
  for (const stage of to) {
    const old = before.get(stage.id);
    if (!old) parts.push(`stage +${stage.name} ${stage.probability}%`);
    else {
      if (old.name !== stage.name) parts.push(arrow(`stage ${stage.id} name`, old.name, stage.name));
      if (old.probability !== stage.probability)
        parts.push(arrow(`stage ${stage.id} probability`, `${old.probability}%`, `${stage.probability}%`));
    }
  }
  const kept = to.filter((stage) => before.has(stage.id)).map((stage) => stage.id);
  if (kept.join() !== from.map((stage) => stage.id).join()) parts.push(`stage order: ${to.map((stage) => stage.id).join(', ')}`);
  return parts;
};

const stagesJson = (stages: readonly PipelineStage[]): Json => stages.map(({ id, name, probability }) => ({ id, name, probability }));

export function describePipelineEvent(event: PipelineEvent): ChangeSummary {
  switch (event.type) {
    case 'PipelineDefined': {
      const { name, stages } = event.data;
      return {
        summary: `defined pipeline ${name}: ${stageList(stages)}`,
        changes: { name: { from: null, to: name }, stages: { from: null, to: stagesJson(stages) } },
      };
    }
    case 'PipelineRenamed':
      return oneField('name', 'name', event.data);
    case 'PipelineStagesChanged': {
      const { from, to } = event.data;
      const parts = stageDifferences(from, to);
      return {
        summary: parts.length > 0 ? parts.join('; ') : 'stages unchanged',
        changes: { stages: { from: stagesJson(from), to: stagesJson(to) } },
      };
    }
    default:
      return unreachable(event);
  }
}

export function describeDealEvent(event: DealEvent): ChangeSummary {
  switch (event.type) {
    case 'DealOpened': {
      const { dealId: _dealId, openedAt: _openedAt, amount, currency, ...terms } = event.data;
      return {
        summary: `opened ${terms.title}: ${formatMoney(amount, currency)} in ${terms.stageId} (${terms.probability}%)`,
        changes: { status: { from: null, to: 'open' }, ...initialValues({ ...terms, amount: { amount, currency } }) },
      };
    }
    case 'DealStageChanged': {
      const { from, to, probability } = event.data;
      return { summary: `${arrow('stage', from, to)} (${probability}%)`, changes: { stageId: { from, to } } };
    }
    case 'DealAmountChanged': {
      const { from, to } = event.data;
      return {
        summary: arrow('amount', formatMoney(from.amount, from.currency), formatMoney(to.amount, to.currency)),
        changes: { amount: { from: { ...from }, to: { ...to } } },
      };
    }
    case 'DealExpectedCloseDateChanged':
      return oneField('expected close date', 'expectedCloseDate', event.data);
    case 'DealRenamed':
      return oneField('title', 'title', event.data);
    case 'DealReassigned':
      return oneField('owner', 'owner', event.data);
    case 'DealWon': {
      const { amount, currency, stageId, wonAt } = event.data;
      return {
        summary: `won ${formatMoney(amount, currency)} in ${stageId}`,
        changes: { status: { from: 'open', to: 'won' }, closedAt: { from: null, to: wonAt } },
      };
    }
    case 'DealLost': {
      const { reason, stageId, lostAt } = event.data;
      return {
        summary: withReason(`lost in ${stageId}`, reason),
        changes: { status: { from: 'open', to: 'lost' }, closedAt: { from: null, to: lostAt }, lostReason: { from: null, to: reason } },
      };
    }
    case 'DealReopened': {
      const { from, stageId, probability } = event.data;
      return {
        summary: `reopened (was ${from}) in ${stageId} (${probability}%)`,
        changes: { status: { from, to: 'open' }, stageId: { from: null, to: stageId } },
      };
    }
    default:
      return unreachable(event);
  }
}

const INTERACTION_LABELS = {
  channel: 'channel',
  direction: 'direction',
  occurredAt: 'occurred at',
  subject: 'subject',
  summary: 'summary',
  outcome: 'outcome',
  followUpDueDate: 'follow-up due',
} as const;

export function describeInteractionEvent(event: InteractionEvent): ChangeSummary {
  switch (event.type) {
    case 'InteractionLogged': {
      const { interactionId: _interactionId, ...content } = event.data;
      return {
        summary: `logged ${content.direction} ${content.channel}${content.subject === null ? '' : `: ${show(content.subject)}`}`,
        changes: { status: { from: null, to: 'logged' }, ...initialValues(content) },
      };
    }
    case 'InteractionAmended':
      return labelledChanges(event.data.changes, INTERACTION_LABELS, (field, value) =>
        field === 'occurredAt' ? formatInstant(value as string | null) : value,
      );
    case 'InteractionDeleted': {
      const { reason, deletedAt } = event.data;
      return {
        summary: withReason('deleted', reason),
        changes: { status: { from: 'logged', to: 'deleted' }, ...initialValues({ deletedAt, deleteReason: reason }) },
      };
    }
    default:
      return unreachable(event);
  }
}

const SEGMENT_LABELS = { name: 'name', description: 'description', rule: 'rule' } as const;

export function describeSegmentEvent(event: SegmentEvent): ChangeSummary {
  switch (event.type) {
    case 'SegmentDefined': {
      const { name, description, rule } = event.data;
      return {
        summary: `defined segment ${name}: ${show(rule as Json)}`,
        changes: { status: { from: null, to: 'active' }, ...initialValues({ name, description, rule: rule as Json }) },
      };
    }
    case 'SegmentRedefined':
      return labelledChanges(event.data.changes, SEGMENT_LABELS);
    case 'SegmentRetired': {
      const { reason, retiredAt } = event.data;
      return {
        summary: withReason('retired', reason),
        changes: { status: { from: 'active', to: 'retired' }, ...initialValues({ retiredAt, retireReason: reason }) },
      };
    }
    default:
      return unreachable(event);
  }
}

const DESCRIBE: { readonly [Kind in RecordKind]: (event: EventOf<Kind>) => ChangeSummary } = {
  customer: describeCustomerEvent,
  deal: describeDealEvent,
  interaction: describeInteractionEvent,
  pipeline: describePipelineEvent,
  segment: describeSegmentEvent,
};

/** The summary of any domain event; throws for a type the domain does not know (the projection then stops, naming it). */
export function describeEvent(event: DomainEvent): ChangeSummary {
  const kind = recordKindOfEventType(event.type);
  if (kind === undefined) throw new Error(`No change summary for event type ${event.type}`);
  return (DESCRIBE[kind] as (event: DomainEvent) => ChangeSummary)(event);
}
