/**
 * Vitest global setup: starts a throwaway PostgreSQL 15 cluster for the database tests to run against a
 * real server as well as PGlite.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../helpers/postgres-cluster';

declare module 'vitest' {
	export interface ProvidedContext {
		postgresUrl: string;
	}
}

export default async function setup(project: TestProject) {
	const cluster = await startPostgres();
	project.provide('postgresUrl', cluster.url);
	return () => cluster.stop();
}
