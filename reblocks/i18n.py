"""`gr.I18n`: an app's own translations, looked up in the browser in the page's language.

`i18n("greeting")` is a plain string holding a marker, `__i18n__{"__type__": "translation_metadata",
"key": "greeting"}`, the text Gradio 6 sends for a key, so it goes anywhere a string does (a label, a
button's value, a placeholder, a returned value) and crosses the wire as it is. The browser replaces
each marker with the key's text in its language, from the translations `launch(i18n=...)` put in the
config, else its English text, else the key itself. Like `wire`, it imports only the standard library.
"""

from __future__ import annotations

import json
import re
import warnings

__all__ = ["I18n", "translation_marker"]

# A BCP 47 language tag, as Gradio checks it ("en", "zh-CN", "pt-BR").
_LOCALE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def translation_marker(key: str) -> str:
    """The string the browser shows as `key`'s text in the page's language."""
    return "__i18n__" + json.dumps({"__type__": "translation_metadata", "key": key})


class I18n:
    """Translations by locale: `gr.I18n(en={"greeting": "Hello"}, zh={"greeting": "你好"})`. Call it
    with a key for a string to use as a label, value or placeholder; pass it to `launch(i18n=...)`."""

    def __init__(self, **translations: dict[str, str]) -> None:
        for locale in translations:
            if not _LOCALE.match(locale):
                warnings.warn(f"Invalid locale code: {locale!r}. Locale codes follow BCP 47 (e.g. 'en', "
                              f"'zh-CN'); this locale is kept but may never match a browser's.", stacklevel=2)
        self.translations = translations

    def __call__(self, key: str) -> str:
        """The text for `key`, as the browser will show it in the page's language."""
        return translation_marker(key)

    @property
    def translations_dict(self) -> dict[str, dict[str, str]]:
        """The translations by locale, as the config sends them."""
        return self.translations
