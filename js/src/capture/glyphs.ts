// Icons only the camera and recording controls use, drawn by ui/Icon.svelte as paths of their own.
export const GLYPHS = {
    camera: "M4 8h3l2-3h6l2 3h3a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1zM15.5 13.5a3.5 3.5 0 1 1-7 0 3.5 3.5 0 0 1 7 0z",
    pause: "M9 5v14M15 5v14",
    record: "M12 7a5 5 0 1 1 0 10 5 5 0 0 1 0-10z",
  } as const;
