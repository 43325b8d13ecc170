export * from './contracts/cloud-event';
export * from './contracts/integration-messages';
