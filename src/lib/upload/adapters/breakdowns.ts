import { toEthnicGroup, toImdQuintile } from '../observations';

/** A breakdown label pair as the contract's (category_type, category), or why it is left out. */
export function toBreakdown(typeText: string, categoryText: string): { categoryType: string; category: string } | { leaveOut: string } {
	const type = typeText.trim();
	const category = categoryText.trim();
	if (!type && !category) return { categoryType: '', category: '' };
	if (/ethnic/i.test(type) || (!type && toEthnicGroup(category))) {
		const group = toEthnicGroup(category);
		return group
			? { categoryType: 'ethnic_group', category: group }
			: { leaveOut: `ethnic group "${category}" is not one of Asian, Black, Mixed, White, Other, Not stated` };
	}
	if (/imd|depriv/i.test(type) && /quintile/i.test(`${type} ${category}`)) {
		const q = toImdQuintile(category);
		return q ? { categoryType: 'imd_quintile', category: q } : { leaveOut: `deprivation group "${category}" is not a quintile` };
	}
	if (type === 'imd_quintile' || type === 'ethnic_group') {
		const value = type === 'imd_quintile' ? toImdQuintile(category) : toEthnicGroup(category);
		return value ? { categoryType: type, category: value } : { leaveOut: `${type} "${category}" is not a group the dashboard knows` };
	}
	const label = type.length > 80 ? `${type.slice(0, 79)}…` : type;
	return { leaveOut: `breakdown "${label}" (the dashboard's breakdowns are IMD quintile and ethnic group)` };
}
