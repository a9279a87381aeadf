"""Shared fixtures: a real SMTP server, a real browser, axe-core."""

import os
import shutil
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

# Playwright's sync API runs an event loop in the test thread; the ORM calls there are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_JS = Path(__file__).parent / "catalyse" / "tests_support" / "axe.min.js"


@dataclass
class SMTPInbox:
    """What the test SMTP server received, parsed with the standard library."""

    messages: list[EmailMessage] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    event: threading.Condition = field(default_factory=threading.Condition)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        with self.event:
            self.messages.append(message)
            self.event.notify_all()
        return "250 Message accepted for delivery"

    def clear(self) -> None:
        with self.event:
            self.messages.clear()

    def wait_for(self, count: int = 1, timeout: float = 10.0) -> list[EmailMessage]:
        with self.event:
            self.event.wait_for(lambda: len(self.messages) >= count, timeout=timeout)
            return list(self.messages)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m.get("To", ""))]

    @staticmethod
    def text(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain",))
        return part.get_content() if part is not None else ""


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[tuple[SMTPInbox, int]]:
    inbox = SMTPInbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture(autouse=True)
def _real_smtp(settings: Any, smtp_server: tuple[SMTPInbox, int]) -> None:
    """Every email a test sends goes through the task queue and a real SMTP conversation."""
    _inbox, port = smtp_server
    settings.EMAIL_BACKEND = "catalyse.lib.mail.QueuedEmailBackend"
    settings.CATALYSE_EMAIL_TRANSPORT = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""


@pytest.fixture
def inbox(smtp_server: tuple[SMTPInbox, int]) -> SMTPInbox:
    smtp_server[0].clear()
    return smtp_server[0]


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Rate limits live in the cache: each test starts with none used."""
    yield
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in French: a request in English (LocaleMiddleware) leaves its language active in the
    thread, which would turn a later test's French messages into English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    if Path(candidate).exists():
        return candidate
    return shutil.which("chromium")


# The serialized contents of each test database (serialized_rollback), kept once it is set up.
_SERIALIZED: dict[str, str] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None) -> None:
    """pytest-django's set-up of the test databases, then keep their serialized contents (see below)."""
    from django.db import connections

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents is not None:
            _SERIALIZED[alias] = contents


def _share_serialized_contents() -> None:
    # Once Playwright's sync API has started (the session-wide browser), the test thread has an event
    # loop marked running between calls, so Django's connections (asgiref's thread-critical Local) come
    # from context storage: other connection objects, without the serialized contents that
    # setup_databases put on the first ones. serialized_rollback would then restore nothing, and the
    # flush after a transactional test would re-run post_migrate (new content types, which the next
    # restore collides with). Hand the contents to the connection objects the test will use.
    if not _SERIALIZED:
        return
    from django.db import connections

    for alias, contents in _SERIALIZED.items():
        connection = connections[alias]
        if getattr(connection, "_test_serialized_contents", None) is None:
            connection._test_serialized_contents = contents  # type: ignore[attr-defined]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _share_serialized_contents()  # before the restore of serialized_rollback


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    _share_serialized_contents()  # before the flush (the browser may have started during the test)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A transactional test empties every table when it ends, including the rows that data
    # migrations created (roles, topics, permissions): restore them for the tests that follow.
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            item.add_marker(pytest.mark.django_db(**{**marker.kwargs, "serialized_rollback": True}), append=False)
    if chromium_path():
        return
    if os.environ.get("REQUIRE_BROWSER_TESTS"):
        raise pytest.UsageError("REQUIRE_BROWSER_TESTS is set but no Chromium was found (install Debian's chromium).")
    skip = pytest.mark.skip(
        reason="Chromium introuvable : tests navigateur ignorés (apt-get install chromium, ou CHROMIUM_PATH=…)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not chromium_path():
        terminalreporter.write_line(
            "Browser tests were SKIPPED: no Chromium found. Install Debian's chromium "
            "(apt-get install chromium) or set CHROMIUM_PATH to run them.",
            yellow=True,
        )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if not path:
        pytest.skip("Chromium introuvable")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=path,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.js_errors = errors
    yield tab
    context.close()


def check_axe(page: Any, context: str = "") -> list[dict[str, Any]]:
    """Run axe-core on the page; fail on any serious or critical violation."""
    # Evaluated through the DevTools protocol: our CSP (no inline scripts) stays on for the page itself.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text() + "\n;undefined")
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    bad = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
    summary = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in bad
    )
    assert not bad, f"axe-core violations on {context or page.url}:\n{summary}"
    return result["violations"]


@pytest.fixture
def axe() -> Any:
    return check_axe


# Personas of the shared test base (catalyst, facilitator, editor, pilot_member, outsider, administrator).
pytest_plugins = ["catalyse.test"]
