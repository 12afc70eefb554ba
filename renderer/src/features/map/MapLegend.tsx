import { useTranslation } from 'react-i18next';
import { WARNING_LEVELS } from '@shared/domain/warningLevel';

/** What the map's marks mean: the four warning colours and grey, clusters, pulse, areas, incidents. */
export function MapLegend(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <section className="lw-map-legend" aria-label={t('map.legend.title')} data-testid="map-legend">
      <h3>{t('map.legend.levels')}</h3>
      <ul className="lw-map-legend-levels">
        {[...WARNING_LEVELS, 'unknown' as const].map((level) => (
          <li key={level}>
            <span className={`lw-legend-dot level-${level}`} aria-hidden />
            {t(`level.${level}`)}
          </li>
        ))}
      </ul>
      <ul className="lw-map-legend-marks">
        <li>
          <span className="lw-legend-cluster level-orange" aria-hidden>
            12
          </span>
          {t('map.legend.cluster')}
        </li>
        <li>
          <span className="lw-legend-dot level-yellow lw-legend-dim" aria-hidden />
          {t('map.legend.acknowledged')}
        </li>
        <li>
          <span className="lw-legend-pulse" aria-hidden />
          {t('map.legend.pulse')}
        </li>
        <li>
          <span className="lw-legend-area" aria-hidden />
          {t('map.legend.area')}
        </li>
        <li>
          <span className="lw-legend-incident level-orange" aria-hidden />
          {t('map.legend.incident')}
        </li>
        <li>
          <span className="lw-legend-incident lw-legend-overdue level-yellow" aria-hidden />
          {t('map.legend.overdue')}
        </li>
        <li>
          <span className="lw-legend-selection" aria-hidden />
          {t('map.legend.selection')}
        </li>
      </ul>
    </section>
  );
}
