import type { ParameterDefinition } from './parameter';

/** Parameters shared by every option: what a recovery is worth, and how the future is discounted. */
export const ECONOMIC_PARAMETERS: ParameterDefinition[] = [
	{
		id: 'recoveryUntreated',
		label: 'Recovery within a year without treatment',
		unit: 'share',
		value: 0.3,
		low: 0.2,
		high: 0.4,
		min: 0,
		max: 1,
		source: 'Assumption: natural remission of common perinatal mental health problems within a year; no single published perinatal figure',
		assumption: true
	},
	{
		id: 'nhsCostAvoidedPerRecovery',
		label: 'NHS and social care cost avoided per additional recovery',
		unit: 'gbp',
		value: 3_430,
		low: 1_500,
		high: 6_000,
		min: 0,
		max: 100_000,
		source:
			'Calibrated: with the lse-2022 preset this reproduces about £52m of net NHS savings over ten years (LSE 2022; Bauer et al. 2024). Bauer et al. (2014) put NHS and social services costs at £1.2bn per birth cohort',
		assumption: true
	},
	{
		id: 'widerSavingPerRecovery',
		label: 'Other public-sector saving per additional recovery',
		unit: 'gbp',
		value: 1_000,
		low: 0,
		high: 3_000,
		min: 0,
		max: 100_000,
		source:
			'Assumption scaled from Bauer et al. (2014): £1.7bn public-sector cost per cohort, of which £1.2bn NHS and social services, leaving about £0.5bn elsewhere (education, justice, benefits)',
		assumption: true
	},
	{
		id: 'qalyPerRecovery',
		label: 'Quality-adjusted life years gained per additional recovery',
		unit: 'qaly',
		value: 0.1,
		low: 0.05,
		high: 0.2,
		min: 0,
		max: 5,
		source: 'Calibrated: with the lse-2022 preset and £70,000 per QALY this reproduces about £437m of quality-of-life value over ten years (LSE 2022)',
		assumption: true
	},
	{
		id: 'valuePerQaly',
		label: 'Value of a quality-adjusted life year',
		unit: 'gbp',
		value: 70_000,
		low: 20_000,
		high: 70_000,
		min: 0,
		max: 500_000,
		source:
			'HM Treasury Green Book wellbeing guidance values a QALY at about £70,000; NICE thresholds of £20,000 to £30,000 give the low end. Not in the project fact sheet: treat as an assumption',
		assumption: true
	},
	{
		id: 'discountRate',
		label: 'Discount rate for costs and savings',
		unit: 'rate',
		value: 0.035,
		low: 0.015,
		high: 0.05,
		min: 0,
		max: 0.2,
		source: 'HM Treasury Green Book: 3.5% a year (years 0 to 30)',
		assumption: false
	},
	{
		id: 'healthDiscountRate',
		label: 'Discount rate for health effects',
		unit: 'rate',
		value: 0.015,
		low: 0,
		high: 0.035,
		min: 0,
		max: 0.2,
		source: 'HM Treasury Green Book: 1.5% a year for health effects (QALYs)',
		assumption: false
	},
	{
		id: 'maternitiesChange',
		label: 'Yearly change in maternities',
		unit: 'rate',
		value: 0,
		low: -0.02,
		high: 0.01,
		min: -0.2,
		max: 0.2,
		source: 'Assumption: births in England fell from about 640,000 (2016/17) to about 565,000 (2024/25) and have levelled off; default flat',
		assumption: true
	}
];
