import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// Stable file names: the bundle is committed and served as /assets/index.js.
export default defineConfig({
  plugins: [svelte()],
  build: {
    outDir: "../reblocks/renderer/static",
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: {
      input: "src/main.ts",
      output: {
        entryFileNames: "assets/index.js",
        chunkFileNames: "assets/[name].js",
        assetFileNames: "assets/[name][extname]",
      },
    },
  },
});
