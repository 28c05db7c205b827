"""Page metadata for templates: JSON-LD built as data, made safe to place inside <script>."""

from __future__ import annotations

import json
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .feeds import feed_path

# Inside <script> only "</" (and "<!--") could end or confuse the element; escaping every
# <, > and & as \u escapes keeps the JSON identical for a parser and inert for HTML.
SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def install_web_globals(env: Environment) -> None:
    """Make the metadata helpers available to every template of env."""
    env.globals["medical_webpage_jsonld"] = medical_webpage_jsonld
    env.globals["feed_path"] = feed_path


def script_json(data: Any) -> Markup:
    """Serialise data as JSON that cannot break out of a <script> element."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.translate(SCRIPT_ESCAPES).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


@pass_context
def medical_webpage_jsonld(context: Context) -> Markup:
    """Return the schema.org MedicalWebPage of the article being rendered, as script-safe JSON."""
    return script_json(medical_webpage(context))


def medical_webpage(context: Context) -> dict[str, Any]:
    """Describe the article of a page context as a schema.org MedicalWebPage."""

    def _(text: str) -> str:
        return str(context.call(context.resolve("gettext"), text))

    article = context["article"]
    config = context["config"]
    lang = context["lang"]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "url": context["canonical"],
        "name": article.title,
        "headline": article.title,
        "description": article.description,
        "inLanguage": lang,
        "datePublished": article.published.isoformat(),
        "lastReviewed": article.last_reviewed.isoformat(),
        "about": [
            {"@type": "MedicalTherapy", "name": _("Dry needling")},
            {"@type": "MedicalCondition", "name": _("Headache")},
        ],
        "medicalAudience": {"@type": "Patient"},
        "isPartOf": {
            "@type": "WebSite",
            "name": context["site_title"],
            "url": config.absolute_url(f"/{lang}/"),
        },
    }
    citations = [_citation(ref["entry"]) for ref in context["references"]]
    if citations:
        data["citation"] = citations
    return data


def _citation(entry: dict[str, Any]) -> dict[str, Any]:
    cited: dict[str, Any] = {
        "@type": "ScholarlyArticle",
        "name": entry["title"],
        "author": entry["authors"],
        "datePublished": str(entry["year"]),
        "isPartOf": {"@type": "Periodical", "name": entry["journal"]},
    }
    if "doi" in entry:
        cited["sameAs"] = f"https://doi.org/{entry['doi']}"
    return cited
