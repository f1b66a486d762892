import { describe, expect, it } from 'vitest';
import { queryAuditLog } from '../../../src/lib/server/auth/admin-queries';
import { createUser } from '../../../src/lib/server/auth/users';
import { listScenarios, loadScenario, saveScenario } from '../../../src/lib/server/planner/scenario-store';
import { createMigratedDatabase, KINDS } from '../../helpers/databases';

const inputs = {
	areaCode: 'E54000057',
	areaName: 'Greater Manchester',
	period: '2024/25',
	maternities: 33_000,
	needTotal: 8_700,
	needSevere: 3_480,
	reached: 3_300,
	// Both shares must survive the round trip, or a version would be recomputed with England-sized defaults.
	commitmentShare: 3_850,
	englandShare: 0.0588
};
const request = { area: 'E54000057', horizonYears: 10, options: [{ kind: 'practitioners' as const, params: { wte: 40 } }], economics: {} };

describe.each(KINDS)('saved scenarios on %s', (kind) => {
	it('keeps every save as an immutable version, audited', async () => {
		const database = await createMigratedDatabase(kind);
		const user = await createUser(database.db, { email: 'comm@example.org', role: 'commissioner' }, {});
		const actor = { id: user.id, email: user.email, sourceAddress: '192.0.2.1' };
		const dataset = { datasetId: 'demo', version: 1, label: 'demo version 1 (manifest sha256 0123456789ab)' };
		const first = await saveScenario(database.db, { title: 'GM practitioners', request, inputs, dataset }, actor);
		expect(first.version).toBe(1);
		const changed = { ...request, options: [{ kind: 'practitioners' as const, params: { wte: 60 } }] };
		const second = await saveScenario(
			database.db,
			{ scenarioId: first.id, title: 'GM practitioners', request: changed, inputs, dataset: { ...dataset, datasetId: 'local', version: 3 } },
			actor
		);
		expect(second).toEqual({ id: first.id, version: 2 });

		const latest = await loadScenario(database.db, first.id);
		expect(latest?.version).toBe(2);
		expect(latest?.request.options[0].params.wte).toBe(60);
		expect(latest?.versions.map((v) => [v.version, v.savedBy])).toEqual([
			[2, 'comm@example.org'],
			[1, 'comm@example.org']
		]);
		const original = await loadScenario(database.db, first.id, 1);
		expect(original?.request).toEqual(request);
		expect(original?.inputs).toEqual(inputs);
		// Each version says which dataset version its inputs came from.
		expect(original?.dataset).toEqual(dataset);
		expect(latest?.dataset).toMatchObject({ datasetId: 'local', version: 3 });
		expect(await loadScenario(database.db, first.id, 3)).toBeUndefined();
		expect(await loadScenario(database.db, '00000000-0000-0000-0000-000000000000')).toBeUndefined();
		expect((await listScenarios(database.db)).map((s) => s.title)).toEqual(['GM practitioners']);
		const audit = await queryAuditLog(database.db, { action: 'scenario_save' });
		expect(audit.events.map((e) => e.target)).toEqual([`scenario ${first.id} version 2`, `scenario ${first.id} version 1`]);
		await database.close();
	});
});
