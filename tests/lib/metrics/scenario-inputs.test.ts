import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { MissingInputsError, queryScenarioInputs } from '../../../src/lib/metrics/scenario-inputs';
import { createDemoNodeEngine, rawObservations } from '../../helpers/demo-dataset';

describe('planner inputs from the area metrics', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await createDemoNodeEngine();
	});
	afterAll(() => engine.close());

	it('are the area’s all-persons figures for the period, read straight from the observations', async () => {
		const value = (indicator: string, area = 'E54000057') =>
			rawObservations().find((r) => r.indicator_id === indicator && r.area_code === area && r.period === '2024/25' && r.category_type === '')!.value!;
		expect(await queryScenarioInputs(engine, { area: 'E54000057', areaName: 'Greater Manchester', period: '2024/25' })).toEqual({
			areaCode: 'E54000057',
			areaName: 'Greater Manchester',
			period: '2024/25',
			maternities: value('maternities'),
			needTotal: value('pmh_need_total'),
			needSevere: value('pmh_need_severe'),
			reached: value('pmh_specialist_access'),
			// The Long Term Plan's 66,000 (2023/24, carried forward) times the area's share of England's maternities.
			commitmentShare: (66_000 * value('maternities')) / value('maternities', 'E92000001'),
			// Staff defaults are sized by the area's share of England's estimated need.
			englandShare: value('pmh_need_total') / value('pmh_need_total', 'E92000001')
		});
		expect(await queryScenarioInputs(engine, { area: 'E92000001', areaName: 'England', period: '2024/25' })).not.toHaveProperty('englandShare');
	});

	it('carry no commitment share before 2023/24, when the plan set no number of women', async () => {
		const inputs = await queryScenarioInputs(engine, { area: 'E54000057', areaName: 'Greater Manchester', period: '2022/23' });
		expect(inputs).not.toHaveProperty('commitmentShare');
	});

	it('refuse, saying what is missing, when there are no figures', async () => {
		await expect(queryScenarioInputs(engine, { area: 'E54000999', areaName: 'Nowhere', period: '2024/25' })).rejects.toThrow(MissingInputsError);
		await expect(queryScenarioInputs(engine, { area: 'E54000057', areaName: 'Greater Manchester', period: '1999/00' })).rejects.toThrow(
			/no maternities, estimated need/
		);
	});
});
