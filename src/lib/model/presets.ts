import type { Scenario } from './scenario';

export interface Preset {
	id: string;
	label: string;
	/** What the preset reproduces, and the caveat that goes with it. */
	note: string;
	scenario: Scenario;
}

/**
 * Scenarios calibrated to reproduce published headlines. They are not the authors' own inputs, which were
 * not published in a form the model can take; the parameters were chosen so the totals match.
 */
export const PRESETS: Record<string, Preset> = {
	'lse-2022': {
		id: 'lse-2022',
		label: 'LSE (2022): trained midwives and health visitors, England, ten years',
		note: 'Calibrated to reproduce the LSE (2022) estimate for the Maternal Mental Health Alliance (peer-reviewed: Bauer et al. 2024): a net economic benefit of about £490m over ten years, made of about £52m net NHS savings and £437m of quality-of-life gains. The often-quoted "save the NHS £490m" is the whole net economic benefit; the NHS share is about £52m. Wider public-sector savings are left out, as in the source.',
		scenario: {
			area: { areaCode: 'E92000001', areaName: 'England', period: '2020/21', maternities: 600_000, needTotal: 150_000, needSevere: 60_000, reached: 40_000 },
			horizonYears: 10,
			options: [{ kind: 'trained-staff', params: {} }],
			economics: { widerSavingPerRecovery: 0 }
		}
	},
	'integrate-2025': {
		id: 'integrate-2025',
		label: 'Anna Freud Integrate (2025): 500 psychological practitioners, England',
		note: "Uses the Integrate report's figures: 1 in 4 women and birthing people (about 172,000 a year) have perinatal mental health difficulties; specialist services reach about 57,000; about 115,000 go without. The report says about 500 practitioners at 230 women a year each (115,000) would close the gap. With the planner's assumption that 80% of women with unmet need can be found and engaged (uptake 0.8, an assumption, not the report's), the same 500 reach about 92,000 a year; set uptake to 1 to reproduce the report's arithmetic. The report counts need against about 688,000 a year, more than the births in England (about 565,000), and does not publish its method (UNCERTAIN).",
		scenario: {
			area: { areaCode: 'E92000001', areaName: 'England', period: '2023/24', maternities: 688_000, needTotal: 172_000, needSevere: 68_800, reached: 57_000 },
			horizonYears: 10,
			options: [{ kind: 'practitioners', params: {} }],
			economics: {}
		}
	}
};
