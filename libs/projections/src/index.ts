export * from './customers/customers.projection';
export * from './read-model-database';
export * from './runner/checkpoints';
export * from './runner/projection';
export * from './runner/projection-failure';
export * from './runner/projection-runner';
