import { describe, expect, it } from 'vitest';
import { fromSearchParams, toSearchParams } from '../../../src/lib/model/url-state';
import { validateScenarioRequest, type ScenarioRequest } from '../../../src/lib/model/validate';

describe('scenario in the URL', () => {
	it('round-trips a scenario, writing only what differs from the defaults', () => {
		const request: ScenarioRequest = {
			area: 'E54000057',
			horizonYears: 8,
			options: [
				{ kind: 'practitioners', params: { wte: 40, caseload: 230 } },
				{ kind: 'peer-support', params: { referralRate: 0.3 } }
			],
			economics: { discountRate: 0.03 }
		};
		const params = toSearchParams(request);
		expect(params.toString()).toBe(
			'area=E54000057&years=8&option=practitioners&practitioners.wte=40&option=peer-support&peer-support.referralRate=0.3&e.discountRate=0.03'
		);
		const back = validateScenarioRequest(fromSearchParams(params));
		expect(back).toEqual({
			ok: true,
			request: {
				...request,
				options: [
					{ kind: 'practitioners', params: { wte: 40 } },
					{ kind: 'peer-support', params: { referralRate: 0.3 } }
				]
			}
		});
	});

	it('starts from England and the practitioners option when the URL says nothing', () => {
		expect(validateScenarioRequest(fromSearchParams(new URLSearchParams()))).toEqual({
			ok: true,
			request: { area: 'E92000001', horizonYears: 10, options: [{ kind: 'practitioners', params: {} }], economics: {} }
		});
	});

	it('passes bad values through to validation, which names the field', () => {
		const result = validateScenarioRequest(fromSearchParams(new URLSearchParams('option=practitioners&practitioners.salary=-1&practitioners.caseload=abc')));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.map((e) => e.path)).toEqual(['options[0].params.salary', 'options[0].params.caseload']);
	});
});
