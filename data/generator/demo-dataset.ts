import { createHash } from 'node:crypto';
import { SCHEMA_VERSION, type Manifest } from '../../src/lib/contract/manifest';
import type { TableName } from '../../src/lib/contract/tables';
import { ENGLAND } from '../../src/lib/contract/vocabulary';
import { discloseCount } from '../../src/lib/disclosure/disclosure-control';
import { createTileLayout } from '../../src/lib/tilemap/layout';
import { toArrowIpc } from '../../src/lib/contract/arrow';
import { readAreas, readCalibration, readIndicators, readPublishedSeries, type ReferenceArea } from './reference';
import { simulateCounts, type CountRow } from './simulate';

export const GENERATOR_VERSION = '1.0.0';
export const DEFAULT_SEED = 20250128;

export interface DemoDataset {
	manifest: Manifest;
	/** File name (as listed in the manifest) to bytes. */
	files: Map<string, Uint8Array>;
	/** The counts before disclosure control, for calibration checks. */
	counts: CountRow[];
}

/** '2023/24' runs from 1 April 2023 to 31 March 2024. */
function financialYear(period: string): { period_start: string; period_end: string } {
	const start = Number(period.slice(0, 4));
	return { period_start: `${start}-04-01`, period_end: `${start + 1}-03-31` };
}

function shortName(area: ReferenceArea): string {
	return area.name.replace(/^NHS /, '').replace(/ Integrated Care Board$/, '');
}

function toAreaRows(areas: ReferenceArea[]) {
	const icbs = areas.filter((a) => a.area_type === 'icb');
	const tiles = new Map(createTileLayout(icbs.map((a) => ({ code: a.area_code, lat: a.centroid_lat!, lon: a.centroid_lon! }))).map((t) => [t.code, t]));
	return areas.map((a) => ({
		area_code: a.area_code,
		ods_code: a.ods_code,
		name: a.name,
		short_name: shortName(a),
		area_type: a.area_type,
		parent_code: a.parent_code,
		former_codes: a.former_codes,
		// ICBs were established on 1 July 2022; the reference list is the April 2023 geography.
		valid_from: a.area_type === 'icb' ? '2022-07-01' : null,
		valid_to: null,
		centroid_lat: a.centroid_lat,
		centroid_lon: a.centroid_lon,
		tile_col: tiles.get(a.area_code)?.col ?? null,
		tile_row: tiles.get(a.area_code)?.row ?? null
	}));
}

function toObservationRows(counts: CountRow[]) {
	const synthetic = counts.map((row) => {
		const { value, suppressed } = discloseCount(row.count, { national: row.area_code === ENGLAND });
		return {
			indicator_id: row.indicator_id,
			area_code: row.area_code,
			period: row.period,
			...financialYear(row.period),
			category_type: row.category_type,
			category: row.category,
			value,
			lower_ci95: null,
			upper_ci95: null,
			count: value,
			denominator: null,
			suppressed,
			note: suppressed ? 'suppressed: fewer than 5' : null
		};
	});
	const published = readPublishedSeries().map((row) => ({
		...row,
		category_type: '',
		category: '',
		lower_ci95: null,
		upper_ci95: null,
		count: null,
		denominator: null,
		suppressed: false
	}));
	const key = (r: { area_code: string; indicator_id: string; period: string; category_type: string; category: string }) =>
		[r.area_code, r.indicator_id, r.period, r.category_type, r.category].join('\u0000');
	return [...synthetic, ...published].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Builds the whole demonstration dataset in memory. The same seed always gives byte-identical files. */
export function generateDemoDataset({ seed = DEFAULT_SEED }: { seed?: number } = {}): DemoDataset {
	const areas = readAreas();
	const calibration = readCalibration();
	const counts = simulateCounts({ seed, areas, calibration });
	const tables: Record<TableName, Record<string, string | number | boolean | null>[]> = {
		areas: toAreaRows(areas),
		indicators: readIndicators().map((i) => ({ ...i })),
		observations: toObservationRows(counts)
	};
	const files = new Map<string, Uint8Array>();
	const entries = Object.fromEntries(
		(Object.keys(tables) as TableName[]).map((name) => {
			const bytes = toArrowIpc(name, tables[name]);
			const sha256 = createHash('sha256').update(bytes).digest('hex');
			const file = `${name}.${sha256.slice(0, 16)}.arrow`;
			files.set(file, bytes);
			return [name, { file, format: 'arrow-ipc-stream', rows: tables[name].length, bytes: bytes.byteLength, sha256 }];
		})
	) as Manifest['tables'];
	const manifest: Manifest = {
		schemaVersion: SCHEMA_VERSION,
		datasetId: 'demo',
		title: 'Synthetic figures generated for demonstration, calibrated to published national totals',
		synthetic: true,
		disclosureControl: {
			applied: true,
			method: 'Sub-national counts below 5 suppressed, other sub-national counts rounded to the nearest 5; England not rounded (NHS England practice).'
		},
		generator: { name: 'data/generate.ts', version: GENERATOR_VERSION, seed },
		provenance: [
			'Maternities, estimated need and specialist access are synthetic, generated deterministically from a seed and calibrated to published national figures; area sizes, deprivation and ethnicity mixes use rough illustrative weights.',
			'Areas: ONS/NHS England codes for England, the 7 NHS regions and 42 ICBs (April 2023 geography), with former codes.',
			'Long Term Plan ambition and national postnatal depression prevalence are published figures, with sources in the indicators table.'
		],
		periods: calibration.periods,
		latestPeriod: calibration.periods[calibration.periods.length - 1],
		tables: entries
	};
	return { manifest, files, counts };
}
