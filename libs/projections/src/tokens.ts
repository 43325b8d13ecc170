/** The read models' TypeORM DataSource. */
export const READ_MODEL_DATABASE = Symbol.for('ledgerline.read-model-database');
