// A small PNG reader (8-bit RGB/RGBA, not interlaced: what Chromium's screenshots are) and
// the comparison behind the focus-indicator check.
import zlib from 'node:zlib';

export function decodePng(buf) {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8, width = 0, height = 0, colorType = 0, bitDepth = 0, interlace = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      bitDepth = data[8]; colorType = data[9]; interlace = data[12];
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  if (bitDepth !== 8 || interlace !== 0 || (colorType !== 2 && colorType !== 6)) {
    throw new Error(`unsupported PNG (depth ${bitDepth}, colour type ${colorType}, interlace ${interlace})`);
  }
  const bpp = colorType === 6 ? 4 : 3;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = Buffer.alloc(width * height * 4);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? line[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
      let add = 0;
      if (f === 1) add = a;
      else if (f === 2) add = b;
      else if (f === 3) add = (a + b) >> 1;
      else if (f === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = (line[i] + add) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      out[(y * width + x) * 4] = line[x * bpp];
      out[(y * width + x) * 4 + 1] = line[x * bpp + 1];
      out[(y * width + x) * 4 + 2] = line[x * bpp + 2];
      out[(y * width + x) * 4 + 3] = bpp === 4 ? line[x * bpp + 3] : 255;
    }
    prev = line;
  }
  return { width, height, data: out };
}

const lin = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
const luminance = (d, i) => 0.2126 * lin(d[i]) + 0.7152 * lin(d[i + 1]) + 0.0722 * lin(d[i + 2]);

// Pixels that differ between the unfocused and the focused picture, and how many of them
// changed with a contrast of at least 3:1 (what WCAG 2.4.13 asks of a focus indicator).
// `before` may be a decoded picture of the whole viewport and `at` the clip's corner in it.
export function focusChange(beforePng, afterPng, at = null) {
  const b = decodePng(afterPng);
  const a = at ? crop(beforePng, at.x, at.y, b.width, b.height) : decodePng(beforePng);
  if (a.width !== b.width || a.height !== b.height) throw new Error('pictures differ in size');
  let changed = 0, contrast3 = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (a.data[i] === b.data[i] && a.data[i + 1] === b.data[i + 1] && a.data[i + 2] === b.data[i + 2]) continue;
    changed += 1;
    const la = luminance(a.data, i), lb = luminance(b.data, i);
    if ((Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05) >= 3) contrast3 += 1;
  }
  return { changed, contrast3 };
}

// A `width` x `height` piece of a decoded picture, from (x, y).
export function crop(img, x, y, width, height) {
  if (x < 0 || y < 0 || x + width > img.width || y + height > img.height) throw new Error('crop outside the picture');
  const data = Buffer.alloc(width * height * 4);
  for (let row = 0; row < height; row++) {
    img.data.copy(data, row * width * 4, ((y + row) * img.width + x) * 4, ((y + row) * img.width + x + width) * 4);
  }
  return { width, height, data };
}
