/** The first `max` of a list, and how many more: "a, b, c and 2 more". */
export const someOf = (items: string[], max: number, separator = ', ') =>
	`${items.slice(0, max).join(separator)}${items.length > max ? ` and ${(items.length - max).toLocaleString('en-GB')} more` : ''}`;
