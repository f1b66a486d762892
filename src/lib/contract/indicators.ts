/** Identifiers of the indicators the metric functions read. The catalogue text lives in data/reference. */
export const INDICATOR = {
	maternities: 'maternities',
	needTotal: 'pmh_need_total',
	needSevere: 'pmh_need_severe',
	needMildModerate: 'pmh_need_mild_moderate',
	specialistAccess: 'pmh_specialist_access',
	ambitionRate: 'ltp_access_ambition',
	accessCommitment: 'ltp_access_commitment',
	postnatalDepression: 'pnd_prevalence_epds13'
} as const;

export type IndicatorId = (typeof INDICATOR)[keyof typeof INDICATOR];
