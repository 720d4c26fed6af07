// Re-rendering gr.HTML changes the DOM in place, node by node, rather than replacing it: the listeners
// js_on_load attached to its elements (a star's click) stay attached after the value changes.

const FORM_FIELDS = new Set(["INPUT", "TEXTAREA", "SELECT"]);

/** Make `target`'s children those of `html` (already sanitised), keeping the nodes that stay. */
export function morph(target: Element, html: string): void {
  const template = document.createElement("template");
  template.innerHTML = html; // parsed inert: nothing loads or runs until a node is in the page
  morphChildren(target, template.content);
}

function morphChildren(current: Node, next: Node): void {
  const olds = [...current.childNodes];
  const news = [...next.childNodes];
  news.forEach((node, index) => {
    const old = olds[index];
    if (old) morphNode(old, node);
    else current.appendChild(node);
  });
  olds.slice(news.length).forEach((node) => node.remove());
}

function morphNode(current: Node, next: Node): void {
  if (current.nodeType !== next.nodeType || current.nodeName !== next.nodeName) {
    current.parentNode?.replaceChild(next, current);
    return;
  }
  if (current.nodeType !== Node.ELEMENT_NODE) {
    if (current.nodeValue !== next.nodeValue) current.nodeValue = next.nodeValue;
    return;
  }
  const element = current as Element;
  const wanted = next as Element;
  const wasChecked = element.hasAttribute("checked");
  for (const { name } of [...element.attributes]) {
    if (!wanted.hasAttribute(name)) element.removeAttribute(name);
  }
  for (const { name, value } of [...wanted.attributes]) {
    if (element.getAttribute(name) === value) continue;
    element.setAttribute(name, value);
    // The attribute is only the default once the user has typed or clicked: the template's new one wins.
    if (FORM_FIELDS.has(element.tagName) && name === "value") (element as HTMLInputElement).value = value;
    if (element.tagName === "INPUT" && name === "checked") (element as HTMLInputElement).checked = true;
  }
  if (element.tagName === "INPUT" && wasChecked && !wanted.hasAttribute("checked")) {
    (element as HTMLInputElement).checked = false;
  }
  morphChildren(element, wanted);
}
