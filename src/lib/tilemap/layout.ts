import { assignMinimumCost } from './assignment';

export interface Centroid {
	code: string;
	lat: number;
	lon: number;
}

export interface Tile {
	code: string;
	col: number;
	row: number;
}

export interface TileLayoutOptions {
	/** Spare cells per tile; more room keeps tiles nearer their true positions (default 1.8). */
	room?: number;
}

/**
 * Places one square tile per area on a grid so that no two tiles overlap and the total squared distance
 * from each area's projected centroid to its tile is as small as possible. Rows count from the north.
 * The same centroids always give the same layout.
 */
export function createTileLayout(centroids: readonly Centroid[], { room = 1.8 }: TileLayoutOptions = {}): Tile[] {
	if (centroids.length === 0) return [];
	const meanLat = centroids.reduce((sum, c) => sum + c.lat, 0) / centroids.length;
	// Equirectangular projection scaled at the mean latitude, so east-west distances are not stretched.
	const xScale = Math.cos((meanLat * Math.PI) / 180);
	const points = centroids.map((c) => ({ x: c.lon * xScale, y: -c.lat }));
	const xs = points.map((p) => p.x);
	const ys = points.map((p) => p.y);
	const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
	const width = Math.max(maxX - minX, 1e-9);
	const height = Math.max(maxY - minY, 1e-9);
	const cells = Math.ceil(centroids.length * room);
	const cols = Math.max(1, Math.round(Math.sqrt((cells * width) / height)));
	const rows = Math.max(Math.ceil(cells / cols), Math.ceil(centroids.length / cols));
	const scaled = points.map((p) => ({
		x: ((p.x - minX) / width) * (cols - 1),
		y: ((p.y - minY) / height) * (rows - 1)
	}));
	const cost = scaled.map((p) => {
		const costs: number[] = [];
		for (let row = 0; row < rows; row++) {
			for (let col = 0; col < cols; col++) costs.push((p.x - col) ** 2 + (p.y - row) ** 2);
		}
		return costs;
	});
	const cellOf = assignMinimumCost(cost);
	return centroids.map((c, i) => ({ code: c.code, col: cellOf[i] % cols, row: Math.floor(cellOf[i] / cols) }));
}
