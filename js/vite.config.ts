import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// Stable file names: the bundle is committed and served as /assets/index.js.
export default defineConfig({
  plugins: [svelte()],
  base: "./", // chunk and CSS URLs relative to index.js, so an app mounted under a path still finds them
  build: {
    outDir: "../reblocks/renderer/static",
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: {
      input: { index: "src/main.ts" }, // entry "index": its CSS becomes assets/index.css
      output: {
        entryFileNames: "assets/index.js",
        // What the entry and the lazy components share would otherwise land in chunks named after
        // whichever module comes first (and split further as the import graph changes): group it.
        // A group pulls in its modules' dependencies; the higher priority keeps Svelte in "runtime".
        codeSplitting: {
          groups: [
            { name: "runtime", priority: 3, test: /node_modules\/svelte\/|preload-helper|\/BlockLabel\.svelte$/ },
            { name: "media", priority: 1, test: /\/src\/media\/|\/src\/files\.ts$/ }, // uploads, drop zone, recorder
            { name: "capture", priority: 1, test: /\/src\/capture\// }, // webcam and microphone: media components only
            { name: "components", priority: 1, test: /\/src\/components\/index\.ts$/ }, // the registry, eager ones
            // the small shared helpers, before "media" takes Icon; not Prose, which would pull Markdown in
            { name: "ui", priority: 2, test: /\/src\/ui\/(Icon\.svelte|buttons\.ts|size\.ts)$/ },
          ],
        },
        chunkFileNames: "assets/[name].js",
        assetFileNames: "assets/[name][extname]",
      },
    },
  },
});
