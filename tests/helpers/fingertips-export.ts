import { readFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';

const FIXTURES = 'tests/fixtures/upload';

/**
 * A Fingertips export of `indicators` indicators (percentages) for every ICB over `years` years, with figures as
 * varied as real ones (so they compress about as well): the fixture's header, its layout (upper-case quoted names
 * with " - QXX" suffixes, CRLF), one row per indicator, year and ICB.
 */
export function fingertipsExportText({ indicators, years }: { indicators: number; years: number }): string {
	const header = readFileSync(`${FIXTURES}/fingertips-export.csv`, 'utf8')
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)[0];
	const icbs = csvParse(readFileSync('data/reference/areas.csv', 'utf8')).filter((a) => a.area_type === 'icb');
	let seed = 11;
	const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
	const lines = [header];
	for (let k = 0; k < indicators; k++)
		for (let y = 0; y < years; y++)
			for (const icb of icbs) {
				const [count, denominator] = [5 * Math.round(20 + random() * 2000), 5 * Math.round(4000 + random() * 20000)];
				const value = (count / denominator) * 100;
				const year = 2000 + y;
				lines.push(
					[
						91000 + k,
						`Test indicator ${k + 1}: women with a perinatal measure (%)`,
						icb.parent_code,
						'Region',
						icb.area_code,
						`"${icb.name.toUpperCase()} - ${icb.ods_code}"`,
						'ICBs',
						'Female',
						'All ages',
						'',
						'',
						`${year}/${String((year + 1) % 100).padStart(2, '0')}`,
						value.toFixed(4),
						(value * 0.93).toFixed(4),
						(value * 1.07).toFixed(4),
						'',
						'',
						count,
						denominator,
						'',
						'',
						'',
						'',
						`${year}0000`,
						'',
						''
					].join(',')
				);
			}
	return lines.join('\r\n') + '\r\n';
}
