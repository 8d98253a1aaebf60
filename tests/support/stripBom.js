// @microsoft/app-manifest require()s strip-bom 5, which is ESM-only and cannot be required on Node 20.
// Tests map it to this CommonJS equivalent (same behaviour: drop a leading byte-order mark).
function stripBom(text) {
  return typeof text === 'string' && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
module.exports = stripBom;
module.exports.default = stripBom;
