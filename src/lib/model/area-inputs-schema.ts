import * as v from 'valibot';
import type { AreaInputs } from './scenario';

const people = v.pipe(v.number(), v.finite(), v.minValue(0));

/** An area's baseline as stored with a saved scenario version. */
export const areaInputsSchema = v.pipe(
	v.object({
		areaCode: v.string(),
		areaName: v.string(),
		period: v.string(),
		maternities: people,
		needTotal: people,
		needSevere: people,
		reached: people,
		commitmentShare: v.optional(people),
		// Saved without it: England-sized staff defaults, as the version was computed.
		englandShare: v.optional(v.pipe(v.number(), v.finite(), v.gtValue(0), v.maxValue(1)))
	}),
	v.transform((inputs) => inputs as AreaInputs)
);
