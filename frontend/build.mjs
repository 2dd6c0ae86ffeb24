// Bundle the dashboard into ../src/backchannel/ui/static/dist (git-ignored): app.js, app.css and the
// Natural Earth country outlines from world-atlas. Run with `npm ci && npm run build`.
import { build } from "esbuild";
import { copyFile, mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "backchannel", "ui", "static", "dist");

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const common = { bundle: true, minify: true, sourcemap: true, logLevel: "warning", legalComments: "linked" };
await build({
  ...common,
  entryPoints: [join(here, "src", "main.js")],
  outfile: join(out, "app.js"),
  format: "iife",
  target: ["es2020"],
});
await build({
  ...common,
  entryPoints: [join(here, "src", "app.css")],
  outfile: join(out, "app.css"),
  loader: { ".png": "dataurl", ".svg": "dataurl" },
});
await copyFile(join(here, "node_modules", "world-atlas", "countries-50m.json"), join(out, "countries-50m.json"));
await copyFile(join(here, "node_modules", "world-atlas", "LICENSE"), join(out, "world-atlas.LICENSE"));
console.log(`built ${out}`);
