/**
 * Map symbols drawn at runtime on a canvas and added with `map.addImage`:
 * no remote sprite (the CSP and DESIGN §6 allow no remote content). Drawn at
 * twice their CSS size for crisp edges on high-DPI walls.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { DOMAINS, type Domain } from '@shared/domain/agencies';
import { INCIDENT_LEVELS, type IncidentLevel } from '@shared/domain/model';
import { LABEL_FONT_FAMILY } from './fonts';
import { INCIDENT_LEVEL_KEY, INCIDENT_LEVEL_NUMERAL } from './levels';
import type { LevelKey } from '../workspace/filters';

const PIXEL_RATIO = 2;

export const DOMAIN_ICON_PREFIX = 'lw-domain-';
export const INCIDENT_ICON_PREFIX = 'lw-incident-';
export const domainIconId = (domain: Domain): string => `${DOMAIN_ICON_PREFIX}${domain}`;
export const incidentIconId = (level: IncidentLevel): string => `${INCIDENT_ICON_PREFIX}${level}`;

function canvas2d(cssSize: number): CanvasRenderingContext2D | null {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = cssSize * PIXEL_RATIO;
  // CPU-backed: reading a GPU canvas back (getImageData) stalls on software GL.
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx?.scale(PIXEL_RATIO, PIXEL_RATIO);
  return ctx;
}

function imageOf(ctx: CanvasRenderingContext2D): ImageData {
  return ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height);
}

function put(map: MapLibreMap, id: string, image: ImageData): void {
  if (map.hasImage(id)) map.updateImage(id, image);
  else map.addImage(id, image, { pixelRatio: PIXEL_RATIO });
}

/** One character naming the domain (交/安/市/警/环), white on transparent, laid over the alert's level circle. */
export function addDomainIcons(map: MapLibreMap, glyphOf: (domain: Domain) => string): void {
  const size = 14;
  for (const domain of DOMAINS) {
    const ctx = canvas2d(size);
    if (!ctx) return;
    ctx.font = `700 10px "${LABEL_FONT_FAMILY}", sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 2;
    ctx.strokeStyle = 'rgba(5, 10, 19, 0.55)';
    ctx.strokeText(glyphOf(domain), size / 2, size / 2 + 0.5);
    ctx.fillStyle = '#ffffff';
    ctx.fillText(glyphOf(domain), size / 2, size / 2 + 0.5);
    put(map, domainIconId(domain), imageOf(ctx));
  }
}

/**
 * Incidents are diamonds (alerts are circles): the level colour, a light
 * rim and the level numeral Ⅰ–Ⅳ, so a joint case stands out among alerts.
 */
export function addIncidentIcons(map: MapLibreMap, colors: Readonly<Record<LevelKey, string>>): void {
  const size = 30;
  const c = size / 2;
  for (const level of INCIDENT_LEVELS) {
    const ctx = canvas2d(size);
    if (!ctx) return;
    const r = c - 2;
    ctx.beginPath();
    ctx.moveTo(c, c - r);
    ctx.lineTo(c + r, c);
    ctx.lineTo(c, c + r);
    ctx.lineTo(c - r, c);
    ctx.closePath();
    ctx.fillStyle = '#050a13';
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#f4f8ff';
    ctx.stroke();
    const inner = r - 3.5;
    ctx.beginPath();
    ctx.moveTo(c, c - inner);
    ctx.lineTo(c + inner, c);
    ctx.lineTo(c, c + inner);
    ctx.lineTo(c - inner, c);
    ctx.closePath();
    ctx.fillStyle = colors[INCIDENT_LEVEL_KEY[level]];
    ctx.fill();
    ctx.font = `700 11px "${LABEL_FONT_FAMILY}", sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = level === 3 ? '#1a1400' : '#ffffff';
    ctx.fillText(INCIDENT_LEVEL_NUMERAL[level], c, c + 0.5);
    put(map, incidentIconId(level), imageOf(ctx));
  }
}
