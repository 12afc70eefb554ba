import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area, Point } from '@shared/domain/model';
import { PREFECTURES } from '@shared/domain/regions';
import type { LevelKey } from '../workspace/filters';
import { areaShapes, locatorProjection, pathOf } from './miniMapGeometry';
import { useProvinceOutline } from './provinceOutline';

const WIDTH = 150;

/** A tiny offline locator: the province outline, prefecture seats, and the point (and area) in its level colour. */
export function MiniMap({ point, area, level, prefecture }: { point: Point; area?: Area; level: LevelKey; prefecture?: string }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const rings = useProvinceOutline();
  const projection = useMemo(() => locatorProjection(WIDTH), []);
  const outline = useMemo(() => rings.map((r) => pathOf(r, projection)).join(''), [rings, projection]);
  const shapes = areaShapes(area, projection);
  const [x, y] = projection.project([point.lon, point.lat]);
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  return (
    <svg
      className="minimap"
      viewBox={`-4 -4 ${projection.width + 8} ${projection.height + 8}`}
      width={projection.width + 8}
      height={projection.height + 8}
      role="img"
      aria-label={t('detail.location.map', { place: prefecture ?? '' })}
      data-testid="minimap"
    >
      <path className="minimap-province" d={outline} />
      {PREFECTURES.map((p) => {
        const [px, py] = projection.project(p.center);
        return <circle key={p.code} className="minimap-seat" cx={px} cy={py} r={1.6}><title>{p.name[lang]}</title></circle>;
      })}
      {shapes.paths.map((d, i) => (
        <path key={`p${i}`} className={`minimap-area level-stroke-${level}`} d={d} />
      ))}
      {shapes.circles.map((c, i) => (
        <circle key={`c${i}`} className={`minimap-area level-stroke-${level}`} cx={c.cx} cy={c.cy} r={c.r} />
      ))}
      <circle className={`minimap-halo level-stroke-${level}`} cx={x} cy={y} r={7} />
      <circle className={`minimap-point level-fill-${level}`} cx={x} cy={y} r={3.5} />
    </svg>
  );
}
