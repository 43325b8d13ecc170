export * from './config/config';
export * from './embedded-postgres/embedded-postgres';
export * from './persistence/database';
export * from './persistence/persistence.module';
