// The form controls, in one chunk of their own: a page with none of them (the chat) does not load them,
// and a form loads them all at once.
export { default as Checkbox } from "./Checkbox.svelte";
export { default as CheckboxGroup } from "./CheckboxGroup.svelte";
export { default as Dropdown } from "./Dropdown.svelte";
export { default as NumberBlock } from "./Number.svelte";
export { default as Radio } from "./Radio.svelte";
export { default as Slider } from "./Slider.svelte";
