// The typeface every generated document uses: PT Serif (ParaType, SIL Open Font License 1.1), made
// for Russian, shipped as TrueType files by the npm package @expo-google-fonts/pt-serif. The PDFs
// embed subsets of it and the DOCX files embed it whole, so no reader's installed fonts matter.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const FONT_FAMILY = 'PT Serif';

export interface DocumentFonts {
  regular: Buffer;
  bold: Buffer;
  italic: Buffer;
  boldItalic: Buffer;
}

const require = createRequire(import.meta.url);
const face = (style: string) => readFileSync(require.resolve(`@expo-google-fonts/pt-serif/${style}/PTSerif_${style}.ttf`));

/** Reads the four faces; the caller keeps them (the routes do, once per server). */
export function loadFonts(): DocumentFonts {
  return { regular: face('400Regular'), bold: face('700Bold'), italic: face('400Regular_Italic'), boldItalic: face('700Bold_Italic') };
}
