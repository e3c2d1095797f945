import { DataSource } from 'typeorm';
import { databaseConfig } from './database.config';
import { dataSourceOptions } from './data-source-options';

// for the typeorm CLI (npm run migration:run): needs DATABASE_URL
const config = databaseConfig();
if (!config.url) throw new Error('DATABASE_URL must be set to run migrations from the command line');
export default new DataSource(dataSourceOptions(config.url, 2, config.ssl, config.sslCa));
