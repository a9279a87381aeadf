"""@mentions in discussion messages: `@amandine-moreau` names a member by their handle."""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from catalyse.lib.markdown import render_markdown

# Not inside a word, an email address or a path: "écrire à @amandine-moreau", not "a@b.fr".
MENTION_RE = re.compile(r"(?<![\w@./:-])@([a-z0-9]+(?:-[a-z0-9]+)*)")
_TAG_RE = re.compile(r"(<[^>]*>)")
_NO_LINK_INSIDE = {"a", "code", "pre"}
MAX_MENTIONS = 20


def mentioned_handles(text: str) -> list[str]:
    """The handles a text mentions, in order, each once (at most MAX_MENTIONS)."""
    seen: list[str] = []
    for handle in MENTION_RE.findall(text or ""):
        if handle not in seen:
            seen.append(handle)
    return seen[:MAX_MENTIONS]


def render_post(body: str, mentions: Mapping[str, str | None]) -> SafeString:
    """Markdown, sanitized; then each known @handle becomes a link to the person's public profile
    (or stays in bold when they are not in the directory). Only text between tags is touched,
    never attributes, links or code."""
    html = render_markdown(body)
    if not mentions:
        return mark_safe(html)  # noqa: S308 (sanitized by nh3 in render_markdown)
    out: list[str] = []
    inside: list[str] = []
    for chunk in _TAG_RE.split(html):
        if chunk.startswith("<"):
            name = chunk.strip("</>").split()[0].lower() if chunk.strip("</>") else ""
            if name in _NO_LINK_INSIDE:
                if chunk.startswith("</"):
                    if name in inside:
                        inside.remove(name)
                elif not chunk.endswith("/>"):
                    inside.append(name)
            out.append(chunk)
            continue
        if inside:
            out.append(chunk)
            continue
        out.append(MENTION_RE.sub(lambda match: _mention_html(match, mentions), chunk))
    return mark_safe("".join(out))  # noqa: S308 (the text was sanitized; we only add our own escaped tags)


def _mention_html(match: re.Match[str], mentions: Mapping[str, str | None]) -> str:
    handle = match.group(1)
    if handle not in mentions:
        return match.group(0)
    url = mentions[handle]
    if url:
        return f'<a class="mention" href="{escape(url)}">@{escape(handle)}</a>'
    return f'<strong class="mention">@{escape(handle)}</strong>'
