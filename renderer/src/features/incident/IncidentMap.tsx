import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert, Incident } from '@shared/domain/model';
import { PREFECTURES } from '@shared/domain/regions';
import { INCIDENT_LEVEL_COLOR } from '../board/boardRows';
import { areaShapes, locatorProjection, pathOf } from '../detail/miniMapGeometry';
import { useProvinceOutline } from '../detail/provinceOutline';
import { levelKeyOf } from '../workspace/filters';
import { boundsAround, incidentRadiusKm } from './incidentArea';

const WIDTH = 260;

/**
 * The incident's neighbourhood, offline (the detail panel's locator, zoomed):
 * the incident's area (dashed circle holding its alerts), each linked
 * alert's CAP area and point in its level colour, and the incident as a
 * diamond. Hovering a point names the alert.
 */
export function IncidentMap({ incident, alerts }: { incident: Incident; alerts: readonly Alert[] }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const rings = useProvinceOutline();
  const radius = incidentRadiusKm(incident.location, alerts);
  const projection = useMemo(() => locatorProjection(WIDTH, boundsAround(incident.location, radius)), [incident.location, radius]);
  const outline = useMemo(() => rings.map((r) => pathOf(r, projection)).join(''), [rings, projection]);
  const [cx, cy] = projection.project([incident.location.lon, incident.location.lat]);
  const level = INCIDENT_LEVEL_COLOR[incident.level];
  return (
    <svg
      className="minimap incident-map"
      viewBox={`0 0 ${projection.width} ${projection.height}`}
      width={projection.width}
      height={projection.height}
      role="img"
      aria-label={t('incident.alerts.map')}
      data-testid="incident-map"
      data-alerts={alerts.length}
    >
      <path className="minimap-province" d={outline} />
      {PREFECTURES.map((p) => {
        const [px, py] = projection.project(p.center);
        return (
          <g key={p.code}>
            <circle className="minimap-seat" cx={px} cy={py} r={2} />
            <text className="incident-map-label" x={px + 4} y={py + 3}>
              {p.name[lang]}
            </text>
          </g>
        );
      })}
      <circle className={`incident-map-area level-stroke-${level}`} cx={cx} cy={cy} r={projection.km(radius)} />
      {alerts.map((a) => {
        const shapes = areaShapes(a.area, projection);
        const key = levelKeyOf(a);
        return (
          <g key={a.id}>
            {shapes.paths.map((d, i) => (
              <path key={`p${i}`} className={`minimap-area level-stroke-${key}`} d={d} />
            ))}
            {shapes.circles.map((c, i) => (
              <circle key={`c${i}`} className={`minimap-area level-stroke-${key}`} cx={c.cx} cy={c.cy} r={c.r} />
            ))}
          </g>
        );
      })}
      {alerts.map((a) => {
        const [x, y] = projection.project([a.point.lon, a.point.lat]);
        return (
          <circle key={a.id} className={`minimap-point level-fill-${levelKeyOf(a)}`} cx={x} cy={y} r={3.5}>
            <title>{a.headline}</title>
          </circle>
        );
      })}
      <rect className={`incident-map-diamond level-fill-${level}`} x={cx - 5} y={cy - 5} width={10} height={10} transform={`rotate(45 ${cx} ${cy})`} />
    </svg>
  );
}
