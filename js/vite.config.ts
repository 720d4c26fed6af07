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
        // the chunk shared by the entry and the lazy components (Svelte's runtime) is named after
        // whichever module comes first; give it a stable, telling name
        chunkFileNames: (chunk) => (chunk.name === "preload-helper" ? "assets/runtime.js" : "assets/[name].js"),
        assetFileNames: "assets/[name][extname]",
      },
    },
  },
});
