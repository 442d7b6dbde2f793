/**
 * The site's font stack: system fonts first, then fonts that hold Thai as
 * well as Latin glyphs (Noto Sans Thai, Leelawadee UI on Windows, Thonburi
 * on macOS, Sarabun, and Debian's fonts-thai-tlwg: Loma, Garuda, Tlwg), so
 * Thai names render in pages and charts alike. No web font is downloaded.
 */
export const FONT_STACK =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Thai", "Leelawadee UI", Thonburi, Sarabun, Loma, Garuda, "Tlwg Typo", sans-serif';
