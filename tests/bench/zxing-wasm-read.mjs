// SPDX-License-Identifier: GPL-3.0-or-later
// zxing-cpp 3.1 (npm zxing-wasm) as a peer for bench-decoder.
//
//   node zxing-wasm-read.mjs FILE…
//
// Prints, per file, "FILE<TAB>HEX" for every QR code read (several lines
// when it holds several) or "FILE<TAB>-". zxing-wasm is looked up from
// $ZXING_WASM_DIR (a folder holding node_modules/zxing-wasm), else beside
// this script; without it the script exits 3 and bench-decoder skips the
// column. Install: npm install --prefix DIR zxing-wasm@3
// The wasm is loaded from disk: by default zxing-wasm would fetch it.
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const base = process.env.ZXING_WASM_DIR || here;
const require = createRequire(path.join(base, "noop.js"));
let reader, wasmPath;
try {
  reader = require("zxing-wasm/reader");
  // …/dist/cjs/reader/index.js → …/dist/reader/zxing_reader.wasm
  wasmPath = path.join(path.dirname(require.resolve("zxing-wasm/reader")),
                       "..", "..", "reader", "zxing_reader.wasm");
} catch (e) {
  console.error(`zxing-wasm not found under ${base}`);
  process.exit(3);
}

const wasmBinary = await readFile(wasmPath);
await reader.prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });

const options = { formats: ["QRCode"], tryHarder: true, tryRotate: true,
                  tryInvert: true, tryDownscale: true, maxNumberOfSymbols: 8 };
for (const file of process.argv.slice(2)) {
  // zxing-wasm decodes PNG/JPEG bytes itself (stb_image inside the wasm)
  const bytes = new Uint8Array(await readFile(file));
  const results = (await reader.readBarcodes(bytes, options)).filter((r) => r.isValid);
  if (results.length === 0)
    console.log(`${file}\t-`);
  for (const r of results)
    console.log(`${file}\t${Buffer.from(r.bytes).toString("hex")}`);
}
