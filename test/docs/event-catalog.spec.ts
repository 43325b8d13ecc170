import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTERNAL_REFERENCES_BACKFILLED, LEAD_ID_KEY_CREATED } from '@ledgerline/application';
import { CHECKPOINT_RECORDED, LOG_REWRITTEN } from '@ledgerline/audit';
import { EVENT_TYPES, EXTERNAL_REFERENCE_CLAIM_EVENT_TYPES } from '@ledgerline/domain';
import { DEAD_LETTER_REDRIVEN } from '@ledgerline/integration';

describe('docs/event-catalog.md', () => {
  const catalog = readFileSync(join(__dirname, '../../docs/event-catalog.md'), 'utf8');
  const documented = [...catalog.matchAll(/^### (\w+)$/gm)].map(([, type]) => type);

  it('documents every event type the store holds, and no other', () => {
    const internal = [
      ...EXTERNAL_REFERENCE_CLAIM_EVENT_TYPES,
      EXTERNAL_REFERENCES_BACKFILLED,
      DEAD_LETTER_REDRIVEN,
      LEAD_ID_KEY_CREATED,
      CHECKPOINT_RECORDED,
      LOG_REWRITTEN,
    ];
    expect([...documented].sort()).toEqual([...Object.values(EVENT_TYPES).flat(), ...internal].sort());
  });
});
