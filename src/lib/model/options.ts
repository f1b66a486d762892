import type { ParameterDefinition } from './parameter';

export const OPTION_KINDS = ['practitioners', 'trained-staff', 'specialist-teams', 'peer-support'] as const;
export type OptionKind = (typeof OPTION_KINDS)[number];

/** Which unmet need an option can reach: severe/complex, mild-to-moderate, or either (mild first). */
export type Target = 'severe' | 'mild' | 'any';

export interface OptionDefinition {
	kind: OptionKind;
	label: string;
	/** A few words, for chart labels. */
	shortLabel: string;
	description: string;
	target: Target;
	parameters: ParameterDefinition[];
}

type Override = Partial<ParameterDefinition> & Pick<ParameterDefinition, 'value' | 'low' | 'high' | 'source' | 'assumption'>;

const BASE: Record<string, Omit<ParameterDefinition, 'value' | 'low' | 'high' | 'source' | 'assumption'>> = {
	wte: { id: 'wte', label: 'Staff (whole-time equivalents)', unit: 'wte', min: 0, max: 50_000, decision: true },
	rampYears: { id: 'rampYears', label: 'Years to reach full staffing', unit: 'years', min: 1, max: 10, integer: true },
	salary: { id: 'salary', label: 'Salary per WTE (Agenda for Change band mix)', unit: 'gbp', min: 0, max: 200_000 },
	onCost: { id: 'onCost', label: 'Employer on-costs (pension and National Insurance)', unit: 'share', min: 0, max: 1 },
	trainingCost: { id: 'trainingCost', label: 'Training cost per new member of staff', unit: 'gbp', min: 0, max: 100_000 },
	caseload: { id: 'caseload', label: 'Women helped per WTE per year', unit: 'women_per_wte', min: 0.01, max: 2_000 },
	uptake: { id: 'uptake', label: 'Share of the unmet need the option can find and engage', unit: 'share', min: 0, max: 1 },
	otherCostPerWoman: { id: 'otherCostPerWoman', label: 'Other cost per woman helped', unit: 'gbp', min: 0, max: 50_000 },
	recoveryTreated: { id: 'recoveryTreated', label: 'Recovery within a year with the option', unit: 'share', min: 0, max: 1 }
};

const define = (id: keyof typeof BASE, override: Override): ParameterDefinition => ({ ...BASE[id], ...override });

const AFC = 'Agenda for Change 2025/26 pay points';
const ON_COST = {
	value: 0.365,
	low: 0.27,
	high: 0.37,
	source:
		'Employer pension 23.7% (14.38% local, 9.4% central) plus 0.08% levy and National Insurance of 15% above £5,000: about 27-28% with the local pension only, 36-37% in full',
	assumption: false
};

/** Recovery with a course of psychological help, for both options that offer one. */
const TALKING_THERAPIES_RECOVERY = {
	value: 0.5,
	low: 0.4,
	high: 0.6,
	source: 'Assumption: about half of people completing NHS talking therapies recover',
	assumption: true
};

/** The four staffing options, each with its own parameters, defaults, ranges and sources. */
export const OPTIONS: Record<OptionKind, OptionDefinition> = {
	practitioners: {
		kind: 'practitioners',
		shortLabel: 'Practitioners',
		label: 'Psychological practitioners in maternity, health visiting and family hubs',
		description: 'New practitioners embedded in universal services, offering assessment and brief psychological help (the Integrate model, Anna Freud 2025).',
		target: 'any',
		parameters: [
			define('wte', { value: 500, low: 250, high: 750, source: 'Anna Freud (2025): about 500 new roles needed', assumption: false }),
			define('rampYears', { value: 2, low: 1, high: 3, source: 'Assumption: recruitment and training over two years', assumption: true }),
			define('salary', {
				value: 37_155,
				low: 31_049,
				high: 46_580,
				source: `${AFC}: half Band 5 and half Band 6, intermediate points (£33,487 and £40,823); range Band 5 entry to Band 6 top`,
				assumption: false
			}),
			define('onCost', ON_COST),
			define('trainingCost', {
				value: 10_000,
				low: 5_000,
				high: 20_000,
				source: 'Assumption: a one-year postgraduate certificate and supervision for a new practitioner',
				assumption: true
			}),
			define('caseload', {
				value: 230,
				low: 150,
				high: 280,
				source:
					'Anna Freud (2025): 115,000 women / 500 practitioners = 230 a year; BPS (2011): a psychological wellbeing practitioner may help over 250 clients a year. No perinatal standard (UNCERTAIN)',
				assumption: true
			}),
			define('uptake', {
				value: 0.8,
				low: 0.6,
				high: 0.95,
				source: 'Assumption: most women with unmet need are in contact with maternity or health visiting and can be offered help',
				assumption: true
			}),
			define('otherCostPerWoman', { value: 50, low: 0, high: 150, source: 'Assumption: materials, rooms and digital support', assumption: true }),
			define('recoveryTreated', TALKING_THERAPIES_RECOVERY)
		]
	},
	'trained-staff': {
		kind: 'trained-staff',
		shortLabel: 'Trained midwives and HVs',
		label: 'Midwives and health visitors trained in perinatal mental health',
		description:
			'Existing staff trained to ask about mental health at every routine contact and to offer or arrange treatment (the model behind the LSE 2022 estimate).',
		target: 'mild',
		parameters: [
			define('wte', {
				label: 'Midwives and health visitors trained (headcount)',
				unit: 'people',
				value: 25_000,
				low: 15_000,
				high: 35_000,
				source: 'Assumption: most of the midwives and health visitors in England',
				assumption: true
			}),
			define('rampYears', { value: 2, low: 1, high: 4, source: 'Assumption: training rolled out over two years', assumption: true }),
			define('salary', {
				label: 'Staff time for assessment, per person trained per year',
				value: 300,
				low: 150,
				high: 600,
				source: 'Assumption: about 8 hours a year of a Band 6 midwife or health visitor',
				assumption: true
			}),
			define('trainingCost', { value: 450, low: 250, high: 900, source: 'Assumption: a day of training plus backfill per person', assumption: true }),
			define('caseload', {
				label: 'Women identified and helped per person trained per year',
				unit: 'women_per_wte',
				value: 1.4,
				low: 0.8,
				high: 2,
				source: 'Assumption calibrated so that staff reach about 35,000 women a year at full roll-out',
				assumption: true
			}),
			define('uptake', {
				value: 0.6,
				low: 0.4,
				high: 0.8,
				source: 'Assumption: share of women with mild-to-moderate unmet need identified at routine contacts who take up treatment',
				assumption: true
			}),
			define('otherCostPerWoman', {
				label: 'Treatment cost per woman helped',
				value: 250,
				low: 150,
				high: 500,
				source: 'Assumption: a short course of guided self-help or low-intensity therapy',
				assumption: true
			}),
			define('recoveryTreated', TALKING_THERAPIES_RECOVERY)
		]
	},
	'specialist-teams': {
		kind: 'specialist-teams',
		shortLabel: 'Specialist teams',
		label: 'More staff in specialist community perinatal mental health teams',
		description: 'Extra clinicians in specialist teams for women with moderate-to-severe or complex needs.',
		target: 'severe',
		parameters: [
			define('wte', { value: 100, low: 50, high: 200, source: 'Assumption: an illustrative expansion', assumption: true }),
			define('rampYears', { value: 2, low: 1, high: 3, source: 'Assumption: recruitment over two years', assumption: true }),
			define('salary', {
				value: 45_548,
				low: 40_823,
				high: 54_710,
				source: `${AFC}: half Band 6 and half Band 7, intermediate points (£40,823 and £50,273); range Band 6 intermediate to Band 7 top`,
				assumption: false
			}),
			define('onCost', ON_COST),
			define('trainingCost', {
				value: 5_000,
				low: 2_000,
				high: 10_000,
				source: 'Assumption: perinatal competency training for a new team member',
				assumption: true
			}),
			define('caseload', {
				value: 45,
				low: 30,
				high: 60,
				source: 'Assumption: no published caseload standard for specialist perinatal teams (UNCERTAIN)',
				assumption: true
			}),
			define('uptake', { value: 0.9, low: 0.7, high: 1, source: 'Assumption: women with severe need are usually known to services', assumption: true }),
			define('otherCostPerWoman', { value: 300, low: 100, high: 800, source: 'Assumption: medication, travel and multidisciplinary input', assumption: true }),
			define('recoveryTreated', {
				value: 0.55,
				low: 0.45,
				high: 0.65,
				source: 'Assumption: recovery or marked improvement within a year of specialist care',
				assumption: true
			})
		]
	},
	'peer-support': {
		kind: 'peer-support',
		shortLabel: 'Peer support',
		label: 'Peer support workers and peer navigators',
		description:
			'Women with lived experience offering support and helping others into formal care. Low cost. The evidence is qualitative: the study cited (BMC Pregnancy and Childbirth 2022; 25 mothers already using peer support, no outcome measured) supports peer support as a route into formal care and against isolation, and reports no effect size, so every effect here is an assumption with a wide range.',
		target: 'any',
		parameters: [
			define('wte', { value: 100, low: 50, high: 200, source: 'Assumption: an illustrative service', assumption: true }),
			define('rampYears', { value: 1, low: 1, high: 2, source: 'Assumption: quick to recruit', assumption: true }),
			define('salary', {
				value: 27_500,
				low: 24_000,
				high: 31_049,
				source: 'Assumption: Band 3 to 4 (Band 4 pay is not in the project fact sheet); top of range Band 5 entry £31,049',
				assumption: true
			}),
			define('onCost', ON_COST),
			define('trainingCost', { value: 2_000, low: 1_000, high: 4_000, source: 'Assumption: peer support worker training', assumption: true }),
			define('caseload', { value: 60, low: 30, high: 100, source: 'Assumption: no published caseload for perinatal peer support workers', assumption: true }),
			define('uptake', {
				value: 0.5,
				low: 0.3,
				high: 0.7,
				source: 'Assumption: peer support reaches women through community groups as well as services',
				assumption: true
			}),
			define('otherCostPerWoman', { value: 30, low: 0, high: 100, source: 'Assumption: groups and travel', assumption: true }),
			define('recoveryTreated', {
				value: 0.38,
				low: 0.3,
				high: 0.5,
				source:
					'Assumption, no published effect size: from natural remission (about 30%) up to half; the qualitative study (BMC Pregnancy and Childbirth 2022) measured no outcome. The wide range lets the tornado show how much it matters',
				assumption: true
			}),
			{
				id: 'referralRate',
				label: 'Share helped into formal treatment they would not otherwise have had',
				unit: 'share',
				value: 0.2,
				low: 0.05,
				high: 0.4,
				min: 0,
				max: 1,
				source:
					'Assumption, not a study result: the qualitative study (BMC Pregnancy and Childbirth 2022) describes peer support as a route into formal care and notes that only 17-25% of women with perinatal mental health problems receive formal support; it does not measure how many peer support helps into treatment',
				assumption: true
			},
			{
				id: 'referralRecoveryGain',
				label: 'Extra recovery from that formal treatment',
				unit: 'share',
				value: 0.2,
				low: 0.1,
				high: 0.3,
				min: 0,
				max: 1,
				source: 'Assumption: talking therapies recovery (about 50%) less natural remission (about 30%)',
				assumption: true
			},
			{
				id: 'referralTreatmentCost',
				label: 'Cost of that formal treatment per woman',
				unit: 'gbp',
				value: 600,
				low: 300,
				high: 1_200,
				min: 0,
				max: 50_000,
				source: 'Assumption: a course of low-intensity talking therapy',
				assumption: true
			}
		]
	}
};
