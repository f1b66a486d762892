import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './csv';

const REFERENCE = fileURLToPath(new URL('../reference/', import.meta.url));

export interface ReferenceArea {
	area_code: string;
	ods_code: string | null;
	name: string;
	area_type: 'england' | 'region' | 'icb';
	parent_code: string | null;
	former_codes: string | null;
	centroid_lat: number | null;
	centroid_lon: number | null;
	/** Illustrative weights for the synthetic data only; never shown as statistics. */
	demo: { populationMillions: number; mostDeprivedShare: number; minorityEthnicShare: number } | null;
}

export interface Calibration {
	periods: string[];
	englandMaternities: number[];
	englandAccessRate: number[];
	needPrevalence: number;
	severeShare: number;
	needRelativeRiskByImdQuintile: number[];
	accessRelativeRateByImdQuintile: number[];
	needRelativeRiskByEthnicGroup: Record<string, number>;
	accessRelativeRateByEthnicGroup: Record<string, number>;
	ethnicMinorityMix: Record<string, number>;
	notStatedShare: number;
}

export interface IndicatorEntry {
	indicator_id: string;
	name: string;
	short_name: string;
	unit: string;
	polarity: string;
	definition: string;
	numerator: string | null;
	denominator: string | null;
	source: string;
	method: string;
	synthetic: boolean;
}

export interface PublishedObservation {
	indicator_id: string;
	area_code: string;
	period: string;
	period_start: string;
	period_end: string;
	value: number;
	note: string;
}

const read = (file: string) => readFileSync(REFERENCE + file, 'utf8');
const orNull = (value: string) => (value === '' ? null : value);
const numberOrNull = (value: string) => (value === '' ? null : Number(value));

export function readAreas(): ReferenceArea[] {
	return parseCsv(read('areas.csv')).map((r) => ({
		area_code: r.area_code,
		ods_code: orNull(r.ods_code),
		name: r.name,
		area_type: r.area_type as ReferenceArea['area_type'],
		parent_code: orNull(r.parent_code),
		former_codes: orNull(r.former_codes.replace(/[ ,|]+/g, ';')),
		centroid_lat: numberOrNull(r.centroid_lat),
		centroid_lon: numberOrNull(r.centroid_lon),
		demo:
			r.demo_population_millions === ''
				? null
				: {
						populationMillions: Number(r.demo_population_millions),
						mostDeprivedShare: Number(r.demo_most_deprived_share),
						minorityEthnicShare: Number(r.demo_minority_ethnic_share)
					}
	}));
}

export const readCalibration = (): Calibration => JSON.parse(read('calibration.json'));
export const readIndicators = (): IndicatorEntry[] => JSON.parse(read('indicators.json'));

export function readPublishedSeries(): PublishedObservation[] {
	return parseCsv(read('published-series.csv')).map((r) => ({ ...r, value: Number(r.value) }) as PublishedObservation);
}
