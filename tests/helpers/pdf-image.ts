// How the tests read a PDF's images (the CV's QR codes): pdfjs-dist decodes each image to grey, RGB or RGBA pixels;
// jsQR reads RGBA. Shared by tests/unit/badges-exports.test.ts and tests/e2e/badges.spec.ts.
import { ImageKind } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfImage {
	width: number;
	height: number;
	kind?: number;
	data?: Uint8Array | Uint8ClampedArray;
}

/** The image's pixels as RGBA, whatever pdfjs decoded it to. */
export function rgba(img: PdfImage): Uint8ClampedArray {
	const { width, height, kind, data } = img;
	if (!data) throw new Error('image without pixel data');
	const out = new Uint8ClampedArray(width * height * 4);
	if (kind === ImageKind.RGBA_32BPP) out.set(data);
	else if (kind === ImageKind.RGB_24BPP) for (let p = 0; p < width * height; p++) out.set([data[3 * p], data[3 * p + 1], data[3 * p + 2], 255], 4 * p);
	else if (kind === ImageKind.GRAYSCALE_1BPP) {
		const rowBytes = (width + 7) >> 3;
		for (let y = 0; y < height; y++)
			for (let x = 0; x < width; x++) {
				const v = (data[y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1 ? 255 : 0;
				out.set([v, v, v, 255], 4 * (y * width + x));
			}
	} else throw new Error(`unexpected image kind ${kind}`);
	return out;
}
