/**
 * Vitest global setup: one throwaway PostgreSQL cluster for the whole test
 * run (each test file makes its own databases in it), stopped at the end.
 *
 * ZHIBIAO_TEST_PG=off skips the PostgreSQL tests; ZHIBIAO_TEST_PG=postgres://…
 * uses that server instead (its user must be allowed to CREATE DATABASE).
 * Without PostgreSQL binaries the PostgreSQL tests are skipped with a message.
 */
import type { TestProject } from 'vitest/node';
import { findPostgresBin, startCluster } from './pg-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test server, or '' when PostgreSQL tests are skipped. */
    pgAdminUrl: string;
    /** Why they are skipped. */
    pgSkipReason: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const env = process.env.ZHIBIAO_TEST_PG;
  const skip = (reason: string): undefined => {
    process.stderr.write(`\nPostgreSQL tests skipped: ${reason}\n\n`);
    project.provide('pgAdminUrl', '');
    project.provide('pgSkipReason', reason);
    return undefined;
  };
  if (env === 'off') return skip('ZHIBIAO_TEST_PG=off');
  if (env && /^postgres(ql)?:\/\//.test(env)) {
    project.provide('pgAdminUrl', env);
    project.provide('pgSkipReason', '');
    return undefined;
  }
  if (!findPostgresBin()) {
    return skip('no PostgreSQL binaries (initdb, pg_ctl) found: apt-get install postgresql, set ZHIBIAO_PG_BIN, or ZHIBIAO_TEST_PG=postgres://…');
  }
  const cluster = await startCluster();
  process.stderr.write(`PostgreSQL tests use a throwaway cluster on 127.0.0.1:${cluster.port}\n`);
  project.provide('pgAdminUrl', cluster.adminUrl);
  project.provide('pgSkipReason', '');
  return () => cluster.stop();
}
