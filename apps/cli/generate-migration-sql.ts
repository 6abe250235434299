// Dev helper: prints the SQL TypeORM would run to bring the database at DATABASE_URL in line with the entities.
// Used to draft a migration, which is then reviewed and committed by hand.
import { createDataSource } from '../../libs/persistence/data-source.js';

const ds = createDataSource(process.env.DATABASE_URL!);
await ds.initialize();
const log = await ds.driver.createSchemaBuilder().log();
for (const q of log.upQueries) console.log(`UP: ${q.query}`);
for (const q of log.downQueries.reverse()) console.log(`DOWN: ${q.query}`);
await ds.destroy();
