import { startApi, type ApiHarness } from '../support/api-harness';
import { expectProblem } from '../support/problem-assertions';

const DEFAULT_PIPELINE = {
  status: 'defined',
  pipelineId: '6d1c2a0e-5b7f-4c3a-9e8d-1f2a3b4c5d6e',
  name: 'Sales',
  stages: [
    { id: 'lead-in', name: 'Lead in', probability: 10 },
    { id: 'qualified', name: 'Qualified', probability: 25 },
    { id: 'proposal', name: 'Proposal', probability: 50 },
    { id: 'negotiation', name: 'Negotiation', probability: 75 },
  ],
};

const ENTERPRISE_STAGES = [
  { id: 'discovery', name: 'Discovery', probability: 5 },
  { id: 'pilot', name: 'Pilot', probability: 40 },
  { id: 'procurement', name: 'Procurement', probability: 90 },
];

const stage = (id: string, probability = 50) => ({ id, name: id.toUpperCase(), probability });

describe('pipelines over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const define = (body: object) =>
    api
      .http()
      .post('/v1/pipelines')
      .send({ name: 'Enterprise', stages: ENTERPRISE_STAGES, ...body });

  const listed = async () => (await api.http().get('/v1/pipelines').expect(200)).body.items;

  it('starts with the default pipeline, listed and readable', async () => {
    expect(await listed()).toEqual([DEFAULT_PIPELINE]);
    const read = await api.http().get(`/v1/pipelines/${DEFAULT_PIPELINE.pipelineId}`).expect(200);
    expect(read.headers.etag).toBe('"0"');
    expect(read.body).toEqual(DEFAULT_PIPELINE);
  });

  it('defines a pipeline, lists it after the default one and places deals in its stages', async () => {
    const created = await define({}).expect(201);
    const id: string = created.body.id;
    expect(created.body).toEqual({ id, revision: 0, position: expect.stringMatching(/^\d+$/) });
    expect(created.headers.etag).toBe('"0"');
    expect(created.headers.location).toBe(`/v1/pipelines/${id}`);
    const enterprise = { status: 'defined', pipelineId: id, name: 'Enterprise', stages: ENTERPRISE_STAGES };
    expect((await api.http().get(`/v1/pipelines/${id}`).expect(200)).body).toEqual(enterprise);
    expect(await listed()).toEqual([DEFAULT_PIPELINE, enterprise]);

    const customerId = (await api.http().post('/v1/customers').send({ kind: 'company', name: 'Globex' }).expect(201)).body.id;
    const deal = (stageId?: string) =>
      api.http().post('/v1/deals').send({ customerId, title: 'Pilot', amount: '50000', currency: 'EUR', pipelineId: id, stageId });
    const atPilot = (await deal('pilot').expect(201)).body.id;
    expect((await api.http().get(`/v1/deals/${atPilot}`).expect(200)).body).toMatchObject({
      pipelineId: id,
      stageId: 'pilot',
      probability: 40,
    });
    const atStart = (await deal().expect(201)).body.id;
    expect((await api.http().get(`/v1/deals/${atStart}`).expect(200)).body).toMatchObject({
      pipelineId: id,
      stageId: 'discovery',
      probability: 5,
    });
    await api.http().post(`/v1/deals/${atStart}/stage`).send({ stageId: 'procurement' }).expect(200);
    expectProblem(
      await api.writesNothing(() => api.http().post(`/v1/deals/${atStart}/stage`).send({ stageId: 'lead-in' })),
      400,
      'stage-not-in-pipeline',
    );
    expectProblem(await api.writesNothing(() => deal('negotiation')), 400, 'stage-not-in-pipeline');
  });

  it('still lists every pipeline after a restart', async () => {
    const id = (await define({ name: 'Partners' }).expect(201)).body.id;
    await api.restart();
    expect((await listed()).map((pipeline: { pipelineId: string }) => pipeline.pipelineId)).toEqual(
      expect.arrayContaining([DEFAULT_PIPELINE.pipelineId, id]),
    );
  });

  it('uses the id a client supplies and refuses to define it twice', async () => {
    const id = '2f9d8c7b-6a5e-4d3c-8b2a-1f0e9d8c7b6a';
    await define({ id }).expect(201);
    expectProblem(await api.writesNothing(() => define({ id, name: 'Again' })), 409, 'pipeline-already-defined');
    expectProblem(await api.writesNothing(() => define({ id: DEFAULT_PIPELINE.pipelineId })), 409, 'pipeline-already-defined');
  });

  it('refuses stage ids that repeat', async () => {
    const refused = await api.writesNothing(() => define({ stages: [stage('demo'), stage('trial'), stage('demo')] }));
    expectProblem(refused, 400, 'duplicate-stage-id');
    expect(refused.body.detail).toMatch(/"demo" appears more than once/);
  });

  it.each([
    ['no stages', [], 'stages'],
    ['a probability over 100', [stage('demo', 101)], 'stages.0.probability'],
    ['a negative probability', [stage('demo', -1)], 'stages.0.probability'],
    ['a fractional probability', [stage('demo', 12.5)], 'stages.0.probability'],
    ['a stage id that is no slug', [stage('Demo Day')], 'stages.0.id'],
    ['stages that are no list', { demo: stage('demo') }, 'stages'],
  ])('refuses %s with 400 naming the field', async (_, stages, field) => {
    const refused = await api.writesNothing(() => define({ stages }));
    expectProblem(refused, 400, 'validation-failed');
    expect(refused.body.errors).toContainEqual({ field, messages: expect.any(Array) });
  });

  it('answers 404 for a pipeline that does not exist', async () => {
    const unknown = '00000000-0000-4000-8000-00000000b001';
    const missing = await api.http().get(`/v1/pipelines/${unknown}`);
    expectProblem(missing, 404, 'pipeline-not-found');
    expect(missing.body.detail).toBe(`Pipeline ${unknown} does not exist.`);
  });
});
