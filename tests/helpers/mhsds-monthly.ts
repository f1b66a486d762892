import { csvFormatRows, csvParse } from 'd3-dsv';
import { createWriteStream, readFileSync } from 'node:fs';

/**
 * A file laid out like NHS England's MHSDS monthly performance CSV, at its size: hundreds of measures, each given for
 * England, England by ethnicity, the commissioning regions and ICBs (by ODS code, upper-case names), sub-ICB
 * locations and providers (and providers by ethnicity); one of the measures is MHS91, the perinatal one the dashboard
 * reads. Its make-up is returned, so a test can check every row is accounted for.
 */
export const MHSDS_HEADER = [
	'REPORTING_PERIOD_START',
	'REPORTING_PERIOD_END',
	'STATUS',
	'BREAKDOWN',
	'PRIMARY_LEVEL',
	'PRIMARY_LEVEL_DESCRIPTION',
	'SECONDARY_LEVEL',
	'SECONDARY_LEVEL_DESCRIPTION',
	'MEASURE_ID',
	'MEASURE_NAME',
	'MEASURE_VALUE'
];
const ETHNICITY = ['White', 'Mixed', 'Asian or Asian British', 'Black or Black British', 'Other Ethnic Groups', 'Not Stated', 'Not Known'];
const SUB_ICBS = 106;
const PROVIDERS = 220;
/** Which of the measures is MHS91. */
const PERINATAL_AT = 7;

export interface MhsdsMonthlyMakeUp {
	rows: number;
	measures: number;
	perRow: { england: number; ethnicity: number; regions: number; icbs: number; subIcbs: number; providers: number };
}

function* blocks(measures: number) {
	const areas = csvParse(readFileSync('data/reference/areas.csv', 'utf8'));
	const regions = areas.filter((a) => a.area_type === 'region').map((a) => [a.ods_code!, a.name!.toUpperCase()]);
	const icbs = areas.filter((a) => a.area_type === 'icb').map((a) => [a.ods_code!, `NHS ${a.name!.toUpperCase()} INTEGRATED CARE BOARD`]);
	const subIcbs = Array.from({ length: SUB_ICBS }, (_, i) => [`${String(i).padStart(2, '0')}X`, `NHS SUB ICB LOCATION ${i}`]);
	const providers = Array.from({ length: PROVIDERS }, (_, i) => [`R${String(i).padStart(3, '0')}`, `PROVIDER ${i} NHS FOUNDATION TRUST`]);
	for (let m = 0; m < measures; m++) {
		const perinatal = m === PERINATAL_AT;
		const id = perinatal ? 'MHS91' : `MHS${String(m).padStart(3, '0')}`;
		const name = perinatal
			? 'Number of people in contact with Specialist Perinatal Mental Health Community Services (12 month rolling)'
			: `Number of people in contact with secondary mental health services, measure ${m}, in the reporting period`;
		const row = (breakdown: string, [code, description]: string[], secondary: string, value: number) =>
			csvFormatRows([['01/03/2024', '31/03/2024', 'Performance', breakdown, code, description, secondary, secondary, id, name, String(value)]]);
		const lines = [row('England', ['England', 'England'], 'NONE', 50_000 + m)];
		ETHNICITY.forEach((e, k) => lines.push(row('England; Ethnicity (Higher Level)', ['England', 'England'], e, 9_000 - 1_000 * k + m)));
		regions.forEach((r, k) => lines.push(row('Commissioning Region', r, 'NONE', 6_000 + 10 * k + m)));
		icbs.forEach((r, k) => lines.push(row('ICB - GP Practice or Residence', r, 'NONE', 900 + 7 * k + m)));
		subIcbs.forEach((r, k) => lines.push(row('Sub ICB - GP Practice or Residence', r, 'NONE', 300 + k)));
		for (const [k, p] of providers.entries()) {
			lines.push(row('Provider', p, 'NONE', 200 + k));
			for (const e of ETHNICITY.slice(0, 3)) lines.push(row('Provider; Ethnicity (Higher Level)', p, e, 20 + k));
		}
		yield { lines, makeUp: { regions: regions.length, icbs: icbs.length } };
	}
}

const makeUpOf = (measures: number, regions: number, icbs: number): MhsdsMonthlyMakeUp => {
	const perRow = { england: 1, ethnicity: ETHNICITY.length, regions, icbs, subIcbs: SUB_ICBS, providers: PROVIDERS * 4 };
	return { measures, perRow, rows: measures * Object.values(perRow).reduce((a, b) => a + b, 0) };
};

/** The file as text, for tests (a few thousand rows). */
export function mhsdsMonthlyText(measures: number): { text: string; makeUp: MhsdsMonthlyMakeUp } {
	const all = [MHSDS_HEADER.join(',')];
	let shape = { regions: 0, icbs: 0 };
	for (const { lines, makeUp } of blocks(measures)) {
		all.push(...lines);
		shape = makeUp;
	}
	return { text: all.join('\r\n') + '\r\n', makeUp: makeUpOf(measures, shape.regions, shape.icbs) };
}

/** The file written to `path`, for the benchmark (800 measures make 834,400 rows, 199 MB). */
export async function writeMhsdsMonthly(path: string, measures: number): Promise<MhsdsMonthlyMakeUp> {
	const out = createWriteStream(path);
	let failed: Error | undefined;
	out.on('error', (error) => (failed = error));
	const write = async (text: string) => {
		if (failed) throw failed;
		if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
	};
	await write(MHSDS_HEADER.join(',') + '\r\n');
	let shape = { regions: 0, icbs: 0 };
	for (const { lines, makeUp } of blocks(measures)) {
		await write(lines.join('\r\n') + '\r\n');
		shape = makeUp;
	}
	await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
	return makeUpOf(measures, shape.regions, shape.icbs);
}
