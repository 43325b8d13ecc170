import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_TYPES } from '@ledgerline/domain';

describe('docs/event-catalog.md', () => {
  const catalog = readFileSync(join(__dirname, '../../docs/event-catalog.md'), 'utf8');
  const documented = [...catalog.matchAll(/^### (\w+)$/gm)].map(([, type]) => type);

  it('documents every event type the domain records, and no other', () => {
    expect([...documented].sort()).toEqual(Object.values(EVENT_TYPES).flat().sort());
  });
});
