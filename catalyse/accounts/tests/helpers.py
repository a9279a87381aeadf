"""Helpers for the accounts tests: links out of the emails the SMTP server received."""

import re

LINK = re.compile(r"https?://\S+")


def link_in(text: str, fragment: str) -> str:
    """The first link of the text whose address contains `fragment`."""
    for link in LINK.findall(text):
        if fragment in link:
            return link
    raise AssertionError(f"no link with {fragment!r} in:\n{text}")


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []
