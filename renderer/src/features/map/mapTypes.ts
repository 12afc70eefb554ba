/** Type aliases MapLibre uses but does not re-export. */
import type { PropertyValueSpecification } from 'maplibre-gl';

/** A MapLibre style expression (`['get', 'rank']` …), as `maplibre-gl-style-spec` types it. */
export type ExpressionSpecification = Extract<PropertyValueSpecification<number>, unknown[]>;
