import { createDemoNodeEngine } from './tests/helpers/demo-dataset';
import { queryAreas, findArea } from './src/lib/queries/areas';
import { queryAreaViewRows, toAreaView } from './src/lib/explorer/area-view';
const e = await createDemoNodeEngine();
const areas = await queryAreas(e);
for (const code of ['E54000011', 'E54000057', 'E40000003']) {
const area = (await findArea(e, code))!;
const region = area.parentCode ? (await findArea(e, area.parentCode))! : null;
const t0 = performance.now();
const rows = await queryAreaViewRows(e, { areaCode: code, period: '2024/25' });
const t1 = performance.now();
const v = toAreaView({ area, region: region?.areaType === 'region' ? region : null, areas, rows, period: '2024/25', breakdown: 'imd_quintile', scope: 'region', indicator: 'sii_imd' });
const t2 = performance.now();
console.log(code, (t1-t0).toFixed(1), (t2-t1).toFixed(1));
console.log(JSON.stringify(v.access));
console.log(JSON.stringify(v.inequalities.imd_quintile.sii), v.inequalities.imd_quintile.womenMissing, v.inequalities.ethnic_group.womenMissing, v.inequalities.ethnic_group.suppressed);
console.log(v.peers.map(p=>p.shortName+':'+p.distance.toFixed(2)).join(', '));
console.log(v.compare.rows.slice(0,5).map(r=>`${r.shortName} ${r.value?.toFixed(2)} [${r.lower?.toFixed(2)},${r.upper?.toFixed(2)}] ${r.comparison}`).join('; '));
}
{
const area = (await findArea(e, 'E54000011'))!; const region = (await findArea(e, area.parentCode!))!;
const rows = await queryAreaViewRows(e, { areaCode: area.areaCode, period: '2024/25' });
for (const scope of ['region','england','england'] as const) { const t=performance.now(); toAreaView({ area, region, areas, rows, period: '2024/25', breakdown: 'imd_quintile', scope, indicator: 'sii_imd' }); console.log(scope, (performance.now()-t).toFixed(1)); }
const t=performance.now(); toAreaView({ area, region, areas, rows, period: '2024/25', breakdown: 'imd_quintile', scope:'england', indicator: 'access_rate' }); console.log('access', (performance.now()-t).toFixed(1));
}
