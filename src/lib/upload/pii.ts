/**
 * Personal data that must never be published: found in any column of an upload (and again on the server in
 * whatever it is sent). Reported by column, with counts and masked examples; any finding blocks publishing.
 */

export type PiiKind = 'NHS number' | 'postcode' | 'date of birth' | 'email address' | 'personal name';

export interface PiiFinding {
	column: string;
	kind: PiiKind;
	count: number;
	/** Up to three examples, masked so the report itself discloses nothing. */
	examples: string[];
	/** Set when only the first this many candidate values of the column were checked: there may be more. */
	sampled?: number;
}

/** NHS numbers: 10 digits (spaces or dashes 3-3-4 allowed) whose 10th digit is the modulus 11 check digit. */
export function isNhsNumber(text: string): boolean {
	const digits = text.replace(/[\s-]/g, '');
	if (!/^\d{10}$/.test(digits)) return false;
	let sum = 0;
	for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
	const check = 11 - (sum % 11);
	if (check === 10) return false;
	return (check === 11 ? 0 : check) === Number(digits[9]);
}

const NHS_CANDIDATE = /(?<!\d)\d{3}[\s-]?\d{3}[\s-]?\d{4}(?!\d)/g;
// A full UK postcode (outward and inward code), not just a district such as "M1".
const POSTCODE = /\b(GIR ?0AA|[A-PR-UWYZ](\d[\dA-HJKPSTUW]?|[A-HK-Y]\d[\dABEHMNPRV-Y]?) ?\d[ABD-HJLNP-UW-Z]{2})\b/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const DATE = /^\s*(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(:\d{2})?)?\s*$/;
const BIRTH_COLUMN = /birth|\bdob\b|^dob|d\.o\.b/i;
const NAME_COLUMN =
	/^(first|last|given|family|sur|fore|full|patient|mother|woman|client|maiden)[ _-]?names?$|^(forename|surname|name of (patient|mother|woman))$/i;
// A title in any case ("Mrs", "DR."), then capitalised words: "Mrs Jane Smith", "Dr. Patel", "mr O'Neil".
const TITLE = /^\s*(mr|mrs|ms|miss|mx|dr)\.?\s+/i;
// Smith, O'Neil, McDonald, Smith-Jones: a capital first, at least one small letter.
const isNameWord = (word: string) => /^[A-Z][A-Za-z'-]*$/.test(word) && /[a-z]/.test(word);
const isTitledName = (text: string) => {
	const title = TITLE.exec(text);
	const words = title ? text.slice(title[0].length).trim().split(/\s+/) : [];
	return words.length > 0 && words.every(isNameWord);
};

/** A column whose name says it holds dates of birth or people's names. */
export const isPersonalColumn = (name: string) => BIRTH_COLUMN.test(name) || NAME_COLUMN.test(name.trim());

function mask(kind: PiiKind, text: string): string {
	const t = text.trim();
	if (kind === 'NHS number') return `${t.replace(/[\s-]/g, '').slice(0, 3)} *** ****`;
	if (kind === 'postcode') return `${t.split(/\s+/)[0].slice(0, 2)}** ***`;
	if (kind === 'email address') return `${t[0]}***@***${t.slice(t.lastIndexOf('.'))}`;
	if (kind === 'date of birth') return '**/**/****';
	return `${t[0]}*** ${'*'.repeat(3)}`;
}

/** What personal data a cell holds, if any, with the part that is (for a masked example); the column name decides for dates and names. */
function kindsIn(text: string, column: string): [PiiKind, string][] {
	const kinds: [PiiKind, string][] = [];
	if (NAME_COLUMN.test(column.trim()) && text.trim()) kinds.push(['personal name', text]);
	if (text.length < 5) return kinds;
	const nhs = (text.match(NHS_CANDIDATE) ?? []).find(isNhsNumber);
	if (nhs) kinds.push(['NHS number', nhs]);
	const postcode = POSTCODE.exec(text);
	if (postcode) kinds.push(['postcode', postcode[0]]);
	const email = EMAIL.exec(text);
	if (email) kinds.push(['email address', email[0]]);
	if (BIRTH_COLUMN.test(column) && DATE.test(text)) kinds.push(['date of birth', text]);
	if (!NAME_COLUMN.test(column.trim()) && isTitledName(text)) kinds.push(['personal name', text]);
	return kinds;
}

/** Scans every cell of a table (header and rows); findings by column and kind. */
export function findPii(header: string[], rows: Iterable<string[]>): PiiFinding[] {
	const found = new Map<string, PiiFinding>();
	const note = (column: string, kind: PiiKind, text: string) => {
		const key = `${column}\u0000${kind}`;
		const finding = found.get(key) ?? { column, kind, count: 0, examples: [] };
		finding.count += 1;
		if (finding.examples.length < 3) finding.examples.push(mask(kind, text));
		found.set(key, finding);
	};
	for (const row of rows)
		for (let i = 0; i < row.length; i++) {
			const text = row[i];
			if (!text) continue;
			for (const [kind, part] of kindsIn(text, header[i] ?? `column ${i + 1}`)) note(header[i] ?? `column ${i + 1}`, kind, part);
		}
	return [...found.values()];
}

/** One sentence per finding, for the page and the server's refusal. */
export function describePii(findings: PiiFinding[]): string[] {
	return findings.map(
		(f) =>
			`Column "${f.column}": ${f.count.toLocaleString('en-GB')} ${f.kind}${f.count === 1 ? '' : 's'}${
				f.sampled ? ` in the first ${f.sampled.toLocaleString('en-GB')} values checked, and there may be more` : ''
			} (for example ${f.examples.join(', ')}).`
	);
}
