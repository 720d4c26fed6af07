// Which optional buttons a component shows. Gradio 5 took one flag per button (show_copy_button,
// show_download_button); Gradio 6 takes a list (buttons=["copy", "download", ...]); both are accepted.

/** The flag when it is given, else whether `buttons` names the button; shown when neither says. */
export function showsButton(name: string, flag: boolean | null | undefined, buttons: unknown[] | null | undefined): boolean {
  return flag ?? (buttons ? buttons.includes(name) : true);
}
