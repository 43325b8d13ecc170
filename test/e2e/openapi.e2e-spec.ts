import { IMPORT_KIND_SPECS, type ImportKind } from '@ledgerline/integration';
import { startApi, type ApiHarness } from '../support/api-harness';

describe('OpenAPI document and health', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('documents every v1 route with its methods at /docs-json', async () => {
    const { body } = await api.http().get('/docs-json').expect(200);
    expect(body.openapi).toMatch(/^3\./);
    const routes = Object.entries(body.paths as Record<string, object>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        'POST /v1/customers',
        'GET /v1/customers',
        'GET /v1/customers/by-external-ref/{system}/{externalId}',
        'GET /v1/admin/projections',
        'GET /v1/customers/{id}',
        'PATCH /v1/customers/{id}',
        'GET /v1/customers/{id}/diff',
        'GET /v1/customers/{id}/history',
        'GET /v1/customers/{id}/timeline',
        'POST /v1/customers/{id}/lifecycle',
        'POST /v1/customers/{id}/owner',
        'POST /v1/customers/{id}/tags',
        'DELETE /v1/customers/{id}/tags/{tag}',
        'POST /v1/customers/{id}/purchases',
        'POST /v1/customers/{id}/purchases/{orderId}/returns',
        'POST /v1/customers/{id}/purchases/{orderId}/reverse',
        'POST /v1/customers/{id}/archive',
        'POST /v1/customers/{id}/erase',
        'PUT /v1/customers/{id}/addresses/{type}',
        'PUT /v1/customers/{id}/external-refs/{system}',
        'DELETE /v1/customers/{id}/addresses/{type}',
        'DELETE /v1/customers/{id}/external-refs/{system}',
        'POST /v1/pipelines',
        'GET /v1/pipelines',
        'GET /v1/pipelines/{id}',
        'POST /v1/deals',
        'GET /v1/deals',
        'GET /v1/pipeline',
        'GET /v1/pipeline/forecast',
        'GET /v1/analytics/kpis',
        'GET /v1/analytics/timeseries',
        'GET /v1/pipeline/funnel',
        'GET /v1/pipeline/performance',
        'GET /v1/pipeline/owners',
        'GET /v1/deals/{id}',
        'PATCH /v1/deals/{id}',
        'GET /v1/deals/{id}/diff',
        'GET /v1/deals/{id}/history',
        'POST /v1/deals/{id}/stage',
        'POST /v1/deals/{id}/win',
        'POST /v1/deals/{id}/lose',
        'POST /v1/deals/{id}/reopen',
        'POST /v1/deals/{id}/owner',
        'POST /v1/interactions',
        'GET /v1/interactions/{id}',
        'PATCH /v1/interactions/{id}',
        'DELETE /v1/interactions/{id}',
        'GET /v1/interactions/{id}/diff',
        'GET /v1/interactions/{id}/history',
        'POST /v1/imports',
        'GET /v1/imports/{id}',
        'GET /v1/audit/checkpoints',
        'GET /v1/audit/export',
        'GET /v1/audit/verification',
        'GET /v1/imports/{id}/errors',
        'POST /v1/imports/{id}/cancel',
        'GET /v1/pipelines/{id}/diff',
        'GET /v1/pipelines/{id}/history',
        'POST /v1/segments',
        'GET /v1/segments',
        'POST /v1/segments/dry-run',
        'GET /v1/segments/{id}',
        'PATCH /v1/segments/{id}',
        'POST /v1/segments/{id}/retire',
        'GET /v1/segments/{id}/members',
        'GET /v1/segments/{id}/diff',
        'GET /v1/segments/{id}/history',
        'POST /v1/admin/segments/refresh',
        'GET /health',
        'GET /health/live',
        'GET /health/ready',
        'GET /metrics',
        'POST /v1/admin/api-keys',
        'GET /v1/admin/api-keys',
        'DELETE /v1/admin/api-keys/{id}',
        'POST /v1/admin/snapshots',
        'GET /v1/admin/snapshots',
        'GET /v1/admin/snapshots/{name}',
        'DELETE /v1/admin/snapshots/{name}',
      ].sort(),
    );
    expect(body.paths['/v1/customers'].post.responses['409'].content).toHaveProperty(['application/problem+json']);
    expect(body.components.schemas.RegisterCustomerBody.required).toEqual(expect.arrayContaining(['kind', 'name']));
  });

  it("gives an imported line of each kind the fields of its HTTP command's body", async () => {
    const { body } = await api.http().get('/docs-json').expect(200);
    const fieldsOf = (schema: string) => Object.keys(body.components.schemas[schema].properties).filter((field) => field !== 'id');
    const lineFields = (kind: ImportKind) =>
      IMPORT_KIND_SPECS[kind].fields.filter((field) => !['externalRefs', 'customerId', 'id'].includes(field));

    expect(lineFields('customers').sort()).toEqual(fieldsOf('RegisterCustomerBody').sort());
    expect(lineFields('purchases').sort()).toEqual(fieldsOf('RecordPurchaseBody').sort());
    expect(lineFields('interactions').sort()).toEqual(
      fieldsOf('LogInteractionBody')
        .filter((field) => field !== 'customerId')
        .sort(),
    );
    // A deal line adds how the deal stands where it comes from: the import wins or loses it after opening it.
    expect(
      lineFields('deals')
        .filter((field) => !['dealRef', 'status', 'lostReason'].includes(field))
        .sort(),
    ).toEqual(
      fieldsOf('OpenDealBody')
        .filter((field) => field !== 'customerId')
        .sort(),
    );
  });

  it('serves the interactive documentation at /docs', async () => {
    const page = await api.http().get('/docs').expect(200);
    expect(page.text).toMatch(/swagger-ui/i);
  });

  it('reports the event store healthy at /health', async () => {
    const { body } = await api.http().get('/health').expect(200);
    expect(body).toMatchObject({ status: 'ok', details: { eventStore: { status: 'up' } } });
  });
});
