// Draws the app icons (colour 192x192, outline 32x32 white on transparent) as PNGs with Node's zlib only.
// Run once with `node scripts/make-icons.js`; the PNGs are committed.
const { deflateSync } = require('node:zlib');
const { writeFileSync } = require('node:fs');
const path = require('node:path');

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0; // 8-bit RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x / size, y / size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
// Two linked rings: schools and mental health services working together.
const ring = (x, y, cx, cy) => Math.abs(Math.hypot(x - cx, y - cy) - 0.2) < 0.055;
const linked = (x, y) => ring(x, y, 0.38, 0.5) || ring(x, y, 0.62, 0.5);
const dir = path.join(__dirname, '..', 'appPackage');
writeFileSync(path.join(dir, 'color.png'), png(192, (x, y) => (linked(x, y) ? [255, 255, 255, 255] : [0, 94, 184, 255])));
writeFileSync(path.join(dir, 'outline.png'), png(32, (x, y) => (linked(x, y) ? [255, 255, 255, 255] : [0, 0, 0, 0])));
