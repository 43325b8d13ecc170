import { commandsOf, spec, TEST_NOW } from '../testing/given-when-then';
import {
  externalReferenceClaimDecider,
  ExternalReferenceTaken,
  isAbandoned,
  type ExternalReferenceClaimCommand,
  type ExternalReferenceClaimed,
} from './external-reference-claim';

const claims = spec(externalReferenceClaimDecider);
const command = commandsOf<ExternalReferenceClaimCommand>();
const ALICE = '0b7e6f2c-3c1d-4e8a-9f4b-2a6d5c1e7f90';
const BOB = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const ref = { system: 'erp', externalId: 'C-1001' };
const claimedBy = (customerId: string, claimedAt = '2025-03-03T09:00:00.000Z'): ExternalReferenceClaimed => ({
  type: 'ExternalReferenceClaimed',
  data: { ...ref, customerId, takenOverFrom: null, claimedAt },
});

describe('ClaimExternalReference', () => {
  it('gives a free id to the customer that claims it', () =>
    claims
      .given([])
      .when(command('ClaimExternalReference', { ...ref, customerId: ALICE }))
      .then([claimedBy(ALICE, TEST_NOW.toISOString())]));

  it('records nothing when the holder claims it again', () =>
    claims
      .given([claimedBy(ALICE)])
      .when(command('ClaimExternalReference', { ...ref, customerId: ALICE }))
      .then([]));

  it('refuses an id another customer holds', () =>
    claims
      .given([claimedBy(ALICE)])
      .when(command('ClaimExternalReference', { ...ref, customerId: BOB }))
      .thenThrows(ExternalReferenceTaken, 'external-reference-taken'));

  it('refuses to take over from a holder other than the one found to have abandoned it', () =>
    claims
      .given([claimedBy(ALICE)])
      .when(command('ClaimExternalReference', { ...ref, customerId: BOB, takeOverFrom: BOB }))
      .thenThrows(ExternalReferenceTaken));

  it('takes over an abandoned claim and says from whom', () =>
    claims
      .given([claimedBy(ALICE)])
      .when(command('ClaimExternalReference', { ...ref, customerId: BOB, takeOverFrom: ALICE }))
      .then([
        { type: 'ExternalReferenceClaimed', data: { ...ref, customerId: BOB, takenOverFrom: ALICE, claimedAt: TEST_NOW.toISOString() } },
      ]));

  it('gives a released id to the next customer', () =>
    claims
      .given([claimedBy(ALICE), { type: 'ExternalReferenceReleased', data: { ...ref, customerId: ALICE } }])
      .when(command('ClaimExternalReference', { ...ref, customerId: BOB }))
      .then([claimedBy(BOB, TEST_NOW.toISOString())]));
});

describe('ReleaseExternalReference', () => {
  it('frees the id its holder releases', () =>
    claims
      .given([claimedBy(ALICE)])
      .when(command('ReleaseExternalReference', { ...ref, customerId: ALICE }))
      .then([{ type: 'ExternalReferenceReleased', data: { ...ref, customerId: ALICE } }]));

  it('leaves the claim of another holder alone', () =>
    claims
      .given([claimedBy(BOB)])
      .when(command('ReleaseExternalReference', { ...ref, customerId: ALICE }))
      .then([]));
});

describe('isAbandoned', () => {
  const state = { holder: ALICE, claimedAt: '2025-03-03T09:00:00.000Z' };
  const lease = 5 * 60_000;

  it('is so for a claim never linked, older than the lease', () =>
    expect(isAbandoned(state, false, new Date('2025-03-03T09:05:01.000Z'), lease)).toBe(true));

  it('is not while a command of the holder could still be on its way', () =>
    expect(isAbandoned(state, false, new Date('2025-03-03T09:04:59.000Z'), lease)).toBe(false));

  it('is never so for a holder that linked the id', () =>
    expect(isAbandoned(state, true, new Date('2026-03-03T09:00:00.000Z'), lease)).toBe(false));

  it('is not for a free id', () => expect(isAbandoned({ holder: null, claimedAt: null }, false, TEST_NOW, lease)).toBe(false));
});
