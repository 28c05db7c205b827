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
    env.globals["page_jsonld"] = page_jsonld
    env.globals["feed_path"] = feed_path


def script_json(data: Any) -> Markup:
    """Serialise data as JSON that cannot break out of a <script> element."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.translate(SCRIPT_ESCAPES).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


@pass_context
def page_jsonld(context: Context) -> Markup | None:
    """Return the page's schema.org description as script-safe JSON, or None for an error page."""
    page = context["page"]
    if page.kind == "article":
        return script_json(medical_webpage(context))
    if page.kind == "home":
        return script_json(website(context))
    return None


def website(context: Context) -> dict[str, Any]:
    """Describe a front page as the schema.org WebSite of its language."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "url": context["canonical"],
        "name": context["site_title"],
        "description": context.get("description", ""),
        "inLanguage": context["lang"],
    }
    publisher = _publisher(context["config"])
    if publisher:
        data["publisher"] = publisher
    return data


def _publisher(config: Any) -> dict[str, Any] | None:
    """Return the site's publisher as a schema.org Organization, when site.yaml names one."""
    publisher = getattr(config, "publisher", None)
    name = getattr(publisher, "name", "") if publisher else ""
    if not name:
        return None
    data: dict[str, Any] = {"@type": "Organization", "name": name}
    contact = getattr(publisher, "contact", "")
    if contact.startswith(("http://", "https://")):
        data["url"] = contact
    elif contact:
        data["email"] = contact
    return data


def breadcrumb_list(config: Any, crumbs: list[dict[str, Any]], canonical: str) -> dict[str, Any]:
    """Describe a page's breadcrumbs as a schema.org BreadcrumbList; the last one is the page itself."""
    items = []
    for position, crumb in enumerate(crumbs, 1):
        url = config.absolute_url(crumb["url"]) if crumb["url"] else canonical
        items.append({"@type": "ListItem", "position": position, "name": crumb["title"], "item": url})
    return {"@type": "BreadcrumbList", "itemListElement": items}


def medical_webpage(context: Context) -> dict[str, Any]:
    """Describe the article of a page context as a schema.org MedicalWebPage."""

    def _(text: str) -> str:
        return str(context.call(context.resolve("gettext"), text))

    article = context["article"]
    config = context["config"]
    lang = context["lang"]
    about_page = article.translation_key == getattr(config, "about_page", None)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        # The page about the site describes who makes it, not a medical topic.
        "@type": "AboutPage" if about_page else "MedicalWebPage",
        "url": context["canonical"],
        "name": article.title,
        "headline": article.title,
        "description": article.description,
        "inLanguage": lang,
        "datePublished": article.published.isoformat(),
        # Articles change only when they are reviewed: the review date is the last change.
        "dateModified": article.last_reviewed.isoformat(),
        "lastReviewed": article.last_reviewed.isoformat(),
        "isPartOf": {
            "@type": "WebSite",
            "name": context["site_title"],
            "url": config.absolute_url(f"/{lang}/"),
        },
    }
    if not about_page:
        data["about"] = [
            {"@type": "MedicalTherapy", "name": _("Dry needling")},
            {"@type": "MedicalCondition", "name": _("Headache")},
        ]
        data["medicalAudience"] = {"@type": "Patient"}
    publisher = _publisher(config)
    if publisher:
        data["publisher"] = publisher
    if context["breadcrumbs"]:
        data["breadcrumb"] = breadcrumb_list(config, context["breadcrumbs"], context["canonical"])
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
