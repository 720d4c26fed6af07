// The icon of a button: a URL is used as is; anything else is a path the server serves from /file=.

export function buttonIconUrl(icon: string | null | undefined, root: string): string | null | undefined {
  return !icon || /^(https?:|data:|blob:)/.test(icon) ? icon : `${root}/gradio_api/file=${encodeURI(icon)}`;
}
