/**
 * A PNG's width and height in pixels, from its IHDR chunk (bytes 16-23, big-endian), so an image can
 * be placed at its own aspect ratio. Throws on bytes that are not a PNG: the report renders its own
 * charts, so that is a programmer error.
 *
 * @example
 * pngSize(await renderPng(svg)); // { width: 1120, height: 640 }
 */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || signature.some((byte, index) => png[index] !== byte)) throw new Error('not a PNG');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
