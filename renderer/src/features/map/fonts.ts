/**
 * Map labels are drawn by MapLibre itself: with no `glyphs` URL in the style
 * it renders every glyph locally with TinySDF on a 2D canvas, using the
 * layer's `text-font` stack as the CSS font-family list (maplibre-gl 5.24
 * `GlyphManager._createTinySDF`: the stack is split on commas, the weight is
 * sniffed from the first name — "Bold" → 700, "Medium" → 500 — and
 * `sans-serif` is appended). A glyph drawn before its font face has loaded is
 * drawn in the fallback font and cached for good, so the faces of Noto Sans
 * SC (bundled by @fontsource, split into unicode-range subsets) must be
 * loaded for every character a label can show before the layers are added.
 */

/** CSS family the app bundles (@fontsource/noto-sans-sc, imported by main.tsx). */
export const LABEL_FONT_FAMILY = 'Noto Sans SC';

/**
 * `text-font` stacks. The first name only carries the weight for MapLibre's
 * sniffing and does not exist as a family, so the canvas falls through to
 * "Noto Sans SC" at that weight.
 */
export const TEXT_FONT = {
  regular: [LABEL_FONT_FAMILY],
  medium: [`${LABEL_FONT_FAMILY} Medium`, LABEL_FONT_FAMILY],
  bold: [`${LABEL_FONT_FAMILY} Bold`, LABEL_FONT_FAMILY],
} as const;

export const LABEL_FONT_WEIGHTS = [400, 500, 700] as const;

/** The distinct characters of some texts, as one string (for `FontFaceSet.load`). */
export function charactersOf(texts: Iterable<string>): string {
  const chars = new Set<string>();
  for (const t of texts) for (const c of t) chars.add(c);
  return [...chars].join('');
}

/**
 * Loads the Noto Sans SC faces covering `text` in every weight the map uses.
 * Resolves false (labels will fall back to a system font) rather than
 * throwing if a face cannot load: the map is still useful without them.
 */
export async function loadLabelFonts(text: string, fonts: FontFaceSet | undefined = typeof document === 'undefined' ? undefined : document.fonts): Promise<boolean> {
  if (!fonts || !text) return false;
  try {
    const loaded = await Promise.all(LABEL_FONT_WEIGHTS.map((w) => fonts.load(`${w} 16px "${LABEL_FONT_FAMILY}"`, text)));
    return loaded.every((faces) => faces.length > 0);
  } catch {
    return false;
  }
}
