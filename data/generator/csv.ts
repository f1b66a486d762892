/** Parses RFC 4180 CSV (quoted fields, doubled quotes, embedded commas and newlines) into records keyed by header. */
export function parseCsv(text: string): Record<string, string>[] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (quoted) {
			if (char === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (char === '"') quoted = false;
			else field += char;
		} else if (char === '"') quoted = true;
		else if (char === ',') {
			row.push(field);
			field = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += char;
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	const [header, ...records] = rows.filter((r) => r.some((f) => f !== ''));
	return records.map((r, n) => {
		if (r.length !== header.length) throw new Error(`csv: record ${n + 1} has ${r.length} fields, the header has ${header.length}`);
		return Object.fromEntries(header.map((name, i) => [name, r[i]]));
	});
}
