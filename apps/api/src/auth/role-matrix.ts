import type { Role } from '@ledgerline/platform';

/**
 * Who may do what: the one place roles meet routes. Every route declares one of these with @Roles(...);
 * docs/security.md renders the resulting route × role table, and test/e2e/authorization.e2e-spec.ts checks
 * every route against it.
 *
 * - admin: everything.
 * - sales: writes customers, deals and interactions; reads everything but operations.
 * - integration: what sales may, plus external references and purchases (ERP, billing).
 * - analyst: read models, analytics and segments (defines them too); no event history, writes no record.
 * - auditor: reads everything, history and timelines included; writes nothing.
 */
export const CAN = {
  /** Current state and read models: lists, 360 views, pipeline, analytics, segments and their members, segment dry-runs. */
  read: ['admin', 'sales', 'integration', 'analyst', 'auditor'],
  /** Event history and the audit timeline (who did what, when). */
  readHistory: ['admin', 'sales', 'integration', 'auditor'],
  /** Customers, deals and interactions. */
  writeRecords: ['admin', 'sales', 'integration'],
  /** What other systems own: external references and purchases. */
  writeIntegrationFacts: ['admin', 'integration'],
  /** Import jobs: their progress and rejected lines (codes, never the lines' content). */
  readImports: ['admin', 'integration', 'auditor'],
  /** Segment definitions (rules over customer facts); they change no customer. */
  defineSegments: ['admin', 'analyst'],
  /** The whole log as an export, every event with its metadata, and the verification of its integrity. */
  exportAudit: ['admin', 'auditor'],
  /** Operational state: projections, API keys (never their secrets). */
  readOperations: ['admin', 'auditor'],
  /** GDPR erasure of a customer's personal data: irreversible, so an admin's, with a legal basis. */
  erasePersonalData: ['admin'],
  /** Configuration and credentials: pipelines, API keys, forced segment refreshes. */
  administer: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
