"""English is complete: every message has a translation, and English pages show no Chinese text.

The Chinese text in templates and code is the message id; `ablework/locale/en` holds the English.
After changing any user-facing text, regenerate and translate the catalog, from `ablework/`:

    DJANGO_SETTINGS_MODULE=ablework.config.settings ABLEWORK_ENV=demo \\
        uv run django-admin makemessages -l en --no-obsolete
    (translate the new or fuzzy entries in locale/en/LC_MESSAGES/django.po)
    DJANGO_SETTINGS_MODULE=ablework.config.settings ABLEWORK_ENV=demo \\
        uv run django-admin compilemessages -l en
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from gettext import GNUTranslations
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from ablework.accounts.models import ProxyConsent, User
from ablework.core.models import Region
from ablework.employers.models import Employer, EmployerContact
from ablework.registry.models import Person

PACKAGE_DIR = Path(settings.BASE_DIR)
CATALOG = PACKAGE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOG.with_suffix(".mo")
REGENERATE = (
    "from ablework/, run `DJANGO_SETTINGS_MODULE=ablework.config.settings ABLEWORK_ENV=demo "
    "uv run django-admin makemessages -l en --no-obsolete`, translate the new and fuzzy entries, "
    "then `… compilemessages -l en`"
)
# Han characters, CJK punctuation (、。「」…) and full-width forms (，：（）).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
# The language switch names Chinese in Chinese, so that a Chinese reader can find it.
LANGUAGE_OPTION = "简体中文"


@dataclass
class Entry:
    """One message of a PO file."""

    context: str | None = None
    msgid: str = ""
    plural: str | None = None
    translations: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str | None, str]:
        return self.context, self.msgid


def read_catalog(path: Path) -> list[Entry]:
    """The active (not obsolete) messages of a PO file, header excluded."""
    entries: list[Entry] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, part = Entry(), ""
        for line in block.splitlines():
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                text = ast.literal_eval(line)
                if part == "msgctxt":
                    entry.context = (entry.context or "") + text
                elif part == "msgid":
                    entry.msgid += text
                elif part == "msgid_plural":
                    entry.plural = (entry.plural or "") + text
                else:
                    entry.translations[-1] += text
            else:
                part, _, quoted = line.partition(" ")
                text = ast.literal_eval(quoted)
                if part == "msgctxt":
                    entry.context = text
                elif part == "msgid":
                    entry.msgid = text
                elif part == "msgid_plural":
                    entry.plural = text
                elif part.startswith("msgstr"):
                    entry.translations.append(text)
        if entry.msgid:
            entries.append(entry)
    return entries


def require_gettext_tools() -> None:
    missing = [tool for tool in ("xgettext", "msgmerge", "msgfmt") if shutil.which(tool) is None]
    if missing:
        pytest.fail(
            f"GNU gettext is needed to check the translations ({', '.join(missing)} missing): "
            "apt-get install -y gettext",
            pytrace=False,
        )


def describe(entries: list[Entry]) -> str:
    return "\n".join(f"  {entry.context or ''} {entry.msgid!r}" for entry in entries)


def test_every_english_message_is_translated_and_none_is_fuzzy():
    entries = read_catalog(CATALOG)
    untranslated = [e for e in entries if not e.translations or not all(e.translations)]
    fuzzy = [e for e in entries if "fuzzy" in e.flags]

    assert entries, f"{CATALOG} has no messages"
    assert not untranslated, f"untranslated in {CATALOG}:\n{describe(untranslated)}"
    assert not fuzzy, f"fuzzy (check, fix, drop the flag) in {CATALOG}:\n{describe(fuzzy)}"


def test_catalog_has_exactly_the_messages_the_code_and_templates_use(
    tmp_path, settings, monkeypatch
):
    # given a copy of the package with an empty locale directory
    require_gettext_tools()
    copy = tmp_path / "ablework"
    shutil.copytree(
        PACKAGE_DIR,
        copy,
        ignore=shutil.ignore_patterns("locale", "__pycache__", "static", "*.pyc", "*.sqlite3"),
    )
    (copy / "locale").mkdir()
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)

    # when makemessages collects the messages from it
    call_command("makemessages", locale=["en"], verbosity=0)

    # then the committed catalog has every one of them, and none that is no longer used
    used = {entry.key: entry for entry in read_catalog(copy / CATALOG.relative_to(PACKAGE_DIR))}
    committed = {entry.key: entry for entry in read_catalog(CATALOG)}
    missing = [used[key] for key in sorted(used.keys() - committed.keys(), key=str)]
    unused = [committed[key] for key in sorted(committed.keys() - used.keys(), key=str)]
    assert not missing, f"not in the English catalog ({REGENERATE}):\n{describe(missing)}"
    assert not unused, f"no longer used, still in the English catalog ({REGENERATE}):\n" + (
        describe(unused)
    )


def test_compiled_catalog_is_up_to_date_with_the_po_file(tmp_path):
    require_gettext_tools()
    fresh = tmp_path / "django.mo"
    subprocess.run(
        ["msgfmt", "--check", "-o", str(fresh), str(CATALOG)],
        check=True,
        capture_output=True,
        text=True,
    )

    with COMPILED.open("rb") as committed_file, fresh.open("rb") as fresh_file:
        committed_messages = GNUTranslations(committed_file)._catalog  # type: ignore[attr-defined]
        fresh_messages = GNUTranslations(fresh_file)._catalog  # type: ignore[attr-defined]

    stale = sorted(
        str(key)
        for key in committed_messages.keys() | fresh_messages.keys()
        if committed_messages.get(key) != fresh_messages.get(key)
    )
    assert not stale, f"{COMPILED.name} is older than {CATALOG.name} ({REGENERATE}): {stale[:10]}"


def data_values() -> list[str]:
    """Names and other values that come from the data, not from the interface; longest first."""
    values = {
        *Person.objects.values_list("name", flat=True),
        *Employer.objects.values_list("name", flat=True),
        *EmployerContact.objects.values_list("name", flat=True),
        *EmployerContact.objects.values_list("post", flat=True),
        *Region.objects.values_list("name", flat=True),
        *User.objects.values_list("display_name", flat=True),
        *ProxyConsent.objects.values_list("relationship", flat=True),
        *ProxyConsent.objects.values_list("evidence", flat=True),
        LANGUAGE_OPTION,
    }
    return sorted((value for value in values if value), key=len, reverse=True)


def chinese_interface_text(html: str, data: list[str]) -> list[str]:
    for value in data:
        html = html.replace(value, "")
    return CJK.findall(html)


def english_client(user: User | None = None) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.django_db
def test_login_page_in_english_has_no_chinese_but_the_language_option():
    response = english_client().get("/accounts/login/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in html
    assert "<h1>Sign in</h1>" in html
    assert CJK.findall(html) == [LANGUAGE_OPTION]


@pytest.mark.django_db
def test_every_role_sees_its_home_page_in_english(demo_data):
    data = data_values()
    for username, user in demo_data.items():
        response = english_client(user).get("/")

        html = response.content.decode()
        assert response.status_code == 200
        assert "Hello, " in html, username
        assert chinese_interface_text(html, data) == [], username


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/persons/", "/employers/", "/audit/", "/no-such-page/"],
)
def test_staff_pages_in_english_have_no_chinese_interface_text(demo_data, path):
    response = english_client(demo_data["rencheng_admin"]).get(path)

    html = response.content.decode()
    assert response.status_code in (200, 404)
    assert '<html lang="en"' in html
    assert chinese_interface_text(html, data_values()) == []
