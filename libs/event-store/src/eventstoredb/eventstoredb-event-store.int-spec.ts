import { eventStoreContract } from '../testing/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const url = process.env.EVENTSTOREDB_URL;
if (!url) {
  // Not console.warn: Jest's default reporter hides the console output of a skipped file when it runs several.
  process.stderr.write(
    'EventStoreDB contract suite skipped: EVENTSTOREDB_URL is unset (docker compose up eventstoredb, then run with EVENTSTOREDB_URL=esdb://localhost:2113?tls=false)\n',
  );
}

// Declared either way so that, without a server, Jest lists every contract test as skipped (none passes unrun).
(url ? describe : describe.skip)('EventStoreDB adapter', () => {
  eventStoreContract(
    'EventStoreDB',
    async () => {
      if (!url) throw new Error('EVENTSTOREDB_URL is unset');
      return { store: EventStoreDbEventStore.connect(url) };
    },
    { refusesIdsOfOtherStreams: false },
  );
});
