/**
 * A composed figure (one SVG document) as the file the user asked for: the SVG itself; a PNG drawn from it at its
 * pixel size with the DPI in a pHYs chunk; or a PDF at its physical size (jsPDF with svg2pdf.js), whose colour
 * bars, ticks, legend and labels stay vector text and whose brain renders stay embedded images.
 */
import { setPngDpi } from '../../../core/figure/png-dpi';
import type { FigureFormat } from './figure-options';
import { CJK, PDF_CJK_FAMILY } from './pdf-font';

export const FIGURE_MIME: Record<FigureFormat, string> = {
  png: 'image/png',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
};

function canvasBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error(`could not encode a ${canvas.width} × ${canvas.height} PNG`))),
      'image/png',
    ),
  );
}

/** A canvas as PNG bytes with `dpi` recorded. */
export async function canvasPng(canvas: HTMLCanvasElement, dpi: number): Promise<Uint8Array> {
  return setPngDpi(new Uint8Array(await (await canvasBlob(canvas)).arrayBuffer()), dpi);
}

/** A canvas as a PNG data URL (for an SVG <image>). */
export function canvasDataUrl(canvas: HTMLCanvasElement): string {
  return canvas.toDataURL('image/png');
}

/** Draws the SVG document at its own size onto a canvas (the brain images are inside it). */
export async function rasterizeSvg(svg: string, width: number, height: number): Promise<HTMLCanvasElement> {
  const url = URL.createObjectURL(new Blob([svg], { type: FIGURE_MIME.svg }));
  try {
    const img = new Image(width, height);
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error(`this browser cannot make a ${width} × ${height} image`);
    ctx.drawImage(img, 0, 0, width, height);
    return canvas;
  } finally {
    URL.revokeObjectURL(url);
  }
}

function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Characters set in the CJK font: CJK text, and the punctuation and spaces between its characters. */
const CJK_RUN = new RegExp(`((?:${CJK.source})+(?:[\\s·、，。：；（）]*(?:${CJK.source})+)*)`, 'u');

/**
 * A text holding CJK characters as runs: CJK in the embedded CJK font (which may lack Latin letters and digits,
 * as Droid Sans Fallback does), everything else in the text's own font.
 */
function setCjkRuns(text: SVGTextElement): void {
  const content = text.textContent ?? '';
  if (!CJK.test(content)) return;
  const runs = content.split(CJK_RUN).filter((r) => r !== '');
  text.replaceChildren(
    ...runs.map((run) => {
      const span = document.createElementNS('http://www.w3.org/2000/svg', 'tspan');
      if (CJK.test(run)) span.setAttribute('font-family', PDF_CJK_FAMILY);
      span.textContent = run;
      return span;
    }),
  );
}

/**
 * The SVG as a PDF page of the figure's physical size at `dpi` (points: 72 per inch). With `cjkFont` (a TrueType
 * font) the text holding Chinese characters is set in it, embedded (jsPDF keeps only the glyphs used), so the
 * PDF's Chinese text is real, extractable text; the rest stays in the standard fonts.
 */
export async function svgToPdf(
  svg: string,
  width: number,
  height: number,
  dpi: number,
  cjkFont: ArrayBuffer | null = null,
): Promise<Uint8Array> {
  const [{ jsPDF }] = await Promise.all([import('jspdf'), import('svg2pdf.js')]);
  const w = (width / dpi) * 72;
  const h = (height / dpi) * 72;
  const doc = new jsPDF({ orientation: w >= h ? 'landscape' : 'portrait', unit: 'pt', format: [w, h], compress: true });
  if (cjkFont) {
    doc.addFileToVFS(`${PDF_CJK_FAMILY}.ttf`, bytesToBase64(new Uint8Array(cjkFont)));
    // One face serves both weights: a bold title in Chinese is set regular rather than not at all.
    doc.addFont(`${PDF_CJK_FAMILY}.ttf`, PDF_CJK_FAMILY, 'normal');
    doc.addFont(`${PDF_CJK_FAMILY}.ttf`, PDF_CJK_FAMILY, 'bold');
  }
  const holder = document.createElement('div');
  holder.style.cssText = 'position:fixed;left:-100000px;top:0;visibility:hidden';
  holder.innerHTML = svg;
  document.body.append(holder);
  try {
    const el = holder.querySelector('svg');
    if (!el) throw new Error('the figure has no SVG to put in the PDF');
    if (cjkFont) for (const text of el.querySelectorAll('text')) setCjkRuns(text);
    await doc.svg(el, { x: 0, y: 0, width: w, height: h });
  } finally {
    holder.remove();
  }
  return new Uint8Array(doc.output('arraybuffer'));
}
