/**
 * The data contract: the three tables every dataset version carries, with the DuckDB type of each column.
 * Both engines create tables from these definitions before loading Arrow IPC data, so a column has the
 * same type whichever engine reads it.
 */

export type ColumnType = 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN' | 'DATE';

export interface ColumnDefinition {
	name: string;
	type: ColumnType;
	nullable: boolean;
}

export type TableName = 'areas' | 'indicators' | 'observations';

const column = (name: string, type: ColumnType, nullable = true): ColumnDefinition => ({ name, type, nullable });

export const TABLES: Record<TableName, ColumnDefinition[]> = {
	areas: [
		column('area_code', 'VARCHAR', false),
		column('ods_code', 'VARCHAR'),
		column('name', 'VARCHAR', false),
		column('short_name', 'VARCHAR', false),
		column('area_type', 'VARCHAR', false),
		column('parent_code', 'VARCHAR'),
		// Semicolon-separated ONS codes this area replaced, oldest first.
		column('former_codes', 'VARCHAR'),
		column('valid_from', 'DATE'),
		column('valid_to', 'DATE'),
		column('centroid_lat', 'DOUBLE'),
		column('centroid_lon', 'DOUBLE'),
		column('tile_col', 'INTEGER'),
		column('tile_row', 'INTEGER')
	],
	indicators: [
		column('indicator_id', 'VARCHAR', false),
		column('name', 'VARCHAR', false),
		column('short_name', 'VARCHAR', false),
		column('unit', 'VARCHAR', false),
		column('polarity', 'VARCHAR', false),
		column('definition', 'VARCHAR', false),
		column('numerator', 'VARCHAR'),
		column('denominator', 'VARCHAR'),
		column('source', 'VARCHAR', false),
		column('method', 'VARCHAR', false),
		column('synthetic', 'BOOLEAN', false)
	],
	observations: [
		column('indicator_id', 'VARCHAR', false),
		column('area_code', 'VARCHAR', false),
		column('period', 'VARCHAR', false),
		column('period_start', 'DATE', false),
		column('period_end', 'DATE', false),
		column('category_type', 'VARCHAR', false),
		column('category', 'VARCHAR', false),
		column('value', 'DOUBLE'),
		column('lower_ci95', 'DOUBLE'),
		column('upper_ci95', 'DOUBLE'),
		column('count', 'DOUBLE'),
		column('denominator', 'DOUBLE'),
		column('suppressed', 'BOOLEAN', false),
		column('note', 'VARCHAR')
	]
};

export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** `CREATE TABLE` statement for one contract table. */
export function toCreateTableSql(name: TableName): string {
	const columns = TABLES[name].map((c) => `"${c.name}" ${c.type}${c.nullable ? '' : ' NOT NULL'}`);
	return `CREATE TABLE "${name}" (${columns.join(', ')})`;
}
