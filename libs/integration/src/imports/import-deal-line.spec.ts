import type { CommandContext } from '@ledgerline/application';
import { DEFAULT_PIPELINE } from '@ledgerline/domain';
import { dealIdForRef, dealLineCommand, type DealLine } from './import-deal-line';
import { IMPORT_KIND_SPECS } from './import-kinds';

const CUSTOMER = '3f2b8c1e-7a4d-4e9b-8c21-5d6f7a8b9c01';
const CONTEXT: CommandContext = {
  actor: { type: 'api-key', id: 'crm-migration', roles: ['integration'] },
  correlationId: 'job-1',
  causationId: 'job-1:1',
  idempotencyKey: 'line-1',
  source: 'import:job-1',
  now: new Date('2026-12-03T12:00:00.000Z'),
};
const line: DealLine = {
  dealRef: { salesforce: '0065g00000AbCdE' },
  externalRefs: { salesforce: '0015g00000XyZ' },
  title: 'Forklift fleet renewal',
  amount: '48000.00',
  currency: 'EUR',
  stageId: 'proposal',
  expectedCloseDate: '2026-12-20',
  owner: 'dana@example.com',
};

/** when(an imported deal line).then(the deal requests it sends, in order). */
const imported = (value: DealLine) => ({
  then: (expected: unknown) => expect(dealLineCommand(value, CUSTOMER, CONTEXT).requests).toEqual(expected),
});
const dealId = dealIdForRef('salesforce', '0065g00000AbCdE');
const opening = {
  type: 'OpenDeal',
  data: {
    dealId,
    customerId: CUSTOMER,
    title: 'Forklift fleet renewal',
    amount: '48000.00',
    currency: 'EUR',
    pipelineId: DEFAULT_PIPELINE.pipelineId,
    stageId: 'proposal',
    expectedCloseDate: '2026-12-20',
    owner: 'dana@example.com',
  },
};

describe('an imported deal line', () => {
  it('opens the deal in the default pipeline, its id derived from the deal in the system it comes from', () => {
    imported(line).then([opening]);
  });

  it('keeps the id of the same dealRef whatever else the line says, and another for another system', () => {
    const again = dealLineCommand({ ...line, title: 'Renamed', dealRef: { salesforce: ' 0065g00000AbCdE ' } }, CUSTOMER, CONTEXT);
    expect(again.requests).toEqual([expect.objectContaining({ data: expect.objectContaining({ dealId }) })]);
    expect(dealIdForRef('hubspot', '0065g00000AbCdE')).not.toBe(dealId);
  });

  it('uses our own id when the line gives one', () => {
    const id = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
    imported({ ...line, id, dealRef: undefined }).then([{ ...opening, data: { ...opening.data, dealId: id } }]);
  });

  it('opens and wins a won deal, in the stage the line gives', () => {
    imported({ ...line, status: 'won' }).then([opening, { type: 'WinDeal', data: { dealId } }]);
  });

  it('opens and loses a lost deal, for its reason', () => {
    imported({ ...line, status: 'lost', lostReason: 'Chose a competitor' }).then([
      opening,
      { type: 'LoseDeal', data: { dealId, reason: 'Chose a competitor' } },
    ]);
  });
});

describe('the shape of a deal line', () => {
  const read = (value: Record<string, unknown>) => IMPORT_KIND_SPECS.deals.read(value);

  it('takes a line with its customer and the deal named', () => {
    expect(read({ ...line })).toEqual({ line });
  });

  it.each([
    ['no deal id nor dealRef', { ...line, dealRef: undefined }],
    ['both an id and a dealRef', { ...line, id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d' }],
    ['two dealRefs', { ...line, dealRef: { salesforce: '1', hubspot: '2' } }],
    ['no customer', { ...line, externalRefs: undefined }],
    ['a lost deal without its reason', { ...line, status: 'lost' }],
    ['a reason on a deal not lost', { ...line, status: 'won', lostReason: 'Budget' }],
    ['an unknown status', { ...line, status: 'stalled' }],
  ])('refuses %s, naming where and not the values', (_, value) => {
    const checked = read(JSON.parse(JSON.stringify(value)));
    expect(checked).toEqual({ problem: expect.any(String) });
    expect(JSON.stringify(checked)).not.toMatch(/Forklift|dana@|0065g|Budget|stalled/);
  });
});
