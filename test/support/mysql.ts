// MySQL-backed tests: each suite gets its own database on the local MariaDB.
// Outside CI a missing server skips those suites; under CI=true it fails them, so a green run means they ran.
import mysql from 'mysql2/promise';

const BASE = process.env.TIDELENS_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306';

async function reachable(): Promise<boolean> {
  try {
    const c = await mysql.createConnection({ uri: BASE, connectTimeout: 2000 });
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export const mysqlAvailable: boolean = await reachable();

if (!mysqlAvailable && process.env.CI) {
  throw new Error(
    `CI=true but MySQL at ${BASE} does not answer: start MariaDB (see .ci/run) instead of skipping its tests`,
  );
}

/** Drops and recreates a database named for the suite; returns its mysql:// address. */
export async function freshMysqlDb(name: string): Promise<string> {
  const db = `tl_test_${name.replace(/[^A-Za-z0-9_]/g, '_')}_${process.pid}`;
  const c = await mysql.createConnection({ uri: BASE });
  await c.query(`DROP DATABASE IF EXISTS \`${db}\``);
  await c.query(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await c.end();
  return `${BASE.replace(/\/$/, '')}/${db}`;
}

export async function dropMysqlDb(url: string): Promise<void> {
  const db = new URL(url).pathname.slice(1);
  const c = await mysql.createConnection({ uri: BASE });
  await c.query(`DROP DATABASE IF EXISTS \`${db}\``);
  // The daily rollup (src/rollup) lives in a schema named after the warehouse's.
  await c.query(`DROP DATABASE IF EXISTS \`${db}_rollup\``);
  await c.end();
}
