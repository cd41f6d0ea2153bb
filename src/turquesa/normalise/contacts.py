"""E-mail addresses and social-media handles.

Recruiters and smugglers advertise on Facebook, Instagram and TikTok and close the
deal on WhatsApp or Telegram; the same account appears in one agency's file as
``facebook.com/maria.p``, in another's as ``fb:Maria.P`` and in a third as
``@maria.p`` in a Facebook column. Each is reduced to ``platform:handle``.

Like phones, an e-mail address that fails the syntax check is kept and flagged, not
dropped: a mistyped address is still a lead.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from turquesa.errors import InvalidValue
from turquesa.normalise.phones import parse_phone

__all__ = ["Email", "Handle", "parse_email", "parse_emails", "parse_handle", "parse_handles"]


@dataclass(frozen=True, slots=True)
class Email:
    original: str
    address: str
    valid: bool


_EMAIL = re.compile(
    r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"
)
_ANGLE = re.compile(r"<([^<>]*@[^<>]*)>")
_LIST_SPLIT = re.compile(r"[;,\n]")


@functools.lru_cache(maxsize=65536)
def parse_email(value: str) -> Email:
    """Read one e-mail address: ``mailto:`` and ``Name <address>`` forms are unwrapped,
    the address is lower-cased. ``valid`` is a syntax check only."""
    original = value.strip()
    if not original:
        raise InvalidValue("empty: no e-mail address given")
    text = original
    if m := _ANGLE.search(text):
        text = m[1]
    text = text.strip().lower()
    if text.startswith("mailto:"):
        text = text[7:].split("?", 1)[0]
    text = "".join(text.split())
    if not text:
        raise InvalidValue(f"{original[:60]} is not an e-mail address")
    return Email(original, text, _EMAIL.fullmatch(text) is not None)


def parse_emails(value: str) -> tuple[Email, ...]:
    """Read a ``;``-separated list of e-mail addresses; empty entries are skipped."""
    return tuple(parse_email(p) for p in _LIST_SPLIT.split(value) if p.strip())


@dataclass(frozen=True, slots=True)
class Handle:
    """An account on a platform. ``key`` is what entity resolution compares."""

    platform: str
    handle: str
    original: str

    @property
    def key(self) -> str:
        return f"{self.platform}:{self.handle}"


_PLATFORM_SYNONYMS: dict[str, str] = {
    "facebook": "facebook",
    "fb": "facebook",
    "face": "facebook",
    "messenger": "facebook",
    "instagram": "instagram",
    "ig": "instagram",
    "insta": "instagram",
    "whatsapp": "whatsapp",
    "whats": "whatsapp",
    "wa": "whatsapp",
    "wsp": "whatsapp",
    "wpp": "whatsapp",
    "wasap": "whatsapp",
    "zap": "whatsapp",
    "telegram": "telegram",
    "tg": "telegram",
    "tiktok": "tiktok",
    "tik tok": "tiktok",
    "x": "x",
    "twitter": "x",
    "tw": "x",
    "signal": "signal",
    "snapchat": "snapchat",
    "snap": "snapchat",
    "youtube": "youtube",
    "yt": "youtube",
    "linkedin": "linkedin",
    "skype": "skype",
    "viber": "viber",
    "wechat": "wechat",
    "line": "line",
    "imo": "imo",
    "threads": "threads",
    "onlyfans": "onlyfans",
}

# Host (without "www." / "m." / "web.") -> platform.
_HOSTS: dict[str, str] = {
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "fb.me": "facebook",
    "messenger.com": "facebook",
    "m.me": "facebook",
    "instagram.com": "instagram",
    "instagr.am": "instagram",
    "t.me": "telegram",
    "telegram.me": "telegram",
    "telegram.dog": "telegram",
    "tiktok.com": "tiktok",
    "wa.me": "whatsapp",
    "whatsapp.com": "whatsapp",
    "api.whatsapp.com": "whatsapp",
    "x.com": "x",
    "twitter.com": "x",
    "youtube.com": "youtube",
    "snapchat.com": "snapchat",
    "linkedin.com": "linkedin",
    "threads.net": "threads",
    "onlyfans.com": "onlyfans",
    "signal.me": "signal",
}
_HOST_PREFIXES = ("www.", "m.", "web.", "mobile.", "mbasic.", "vm.")
# Path segments that are not the account name.
_SKIP_SEGMENTS = frozenset({"add", "in", "people", "pg", "profile.php", "s", "send", "u", "c"})

# "scheme:" prefixes that are not platforms.
_NOT_PLATFORMS = frozenset({"http", "https", "mailto", "tel", "sms", "ftp", "file"})
_PHONE_PLATFORMS = frozenset({"whatsapp", "signal", "telegram", "viber", "imo"})
_PHONE_LIKE = re.compile(r"\+?[\d\s().\-]{7,}")
_PLATFORM_PREFIX = re.compile(r"([a-z][a-z0-9 _.-]{0,20}?)\s*:\s*(.+)", re.IGNORECASE | re.DOTALL)
_URL_LIKE = re.compile(r"^(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}/", re.IGNORECASE)


def _platform(name: str) -> str | None:
    """Canonical platform name. Unknown single words are accepted as they are (the
    exchange templates leave the list open), lower-cased."""
    key = " ".join(name.strip().lower().split())
    if not key:
        return None
    return _PLATFORM_SYNONYMS.get(key, key if re.fullmatch(r"[a-z][a-z0-9_.-]*", key) else None)


def _from_url(text: str) -> tuple[str, str] | None:
    url = text if "://" in text else "https://" + text
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host[len(prefix) :] in _HOSTS:
            host = host[len(prefix) :]
            break
    platform = _HOSTS.get(host)
    if platform is None:
        return None
    query = parse_qs(parts.query)
    if "id" in query:  # facebook.com/profile.php?id=1000123
        return platform, query["id"][0]
    if "phone" in query:  # api.whatsapp.com/send?phone=573001234567
        return platform, "+" + query["phone"][0].lstrip("+")
    segments = [s for s in parts.path.split("/") if s and s.lower() not in _SKIP_SEGMENTS]
    if not segments:
        return None
    handle = segments[-1] if host == "facebook.com" and segments[0] == "people" else segments[0]
    if platform == "whatsapp" and handle.isdigit():
        handle = "+" + handle  # wa.me carries the international number without "+"
    return platform, handle


def _clean_handle(platform: str, handle: str) -> str:
    handle = " ".join(handle.strip().split()).lstrip("@").strip().lower()
    if platform in _PHONE_PLATFORMS and _PHONE_LIKE.fullmatch(handle):
        if handle.startswith("+"):
            phone = parse_phone(handle, None)
            if phone.e164 is not None:
                return phone.e164
            return "+" + "".join(c for c in handle if c.isdigit())
        return "".join(c for c in handle if c.isdigit())
    return handle


@functools.lru_cache(maxsize=65536)
def parse_handle(value: str, default_platform: str | None = None) -> Handle:
    """Read one account: ``platform:handle``, a profile URL, or ``@handle`` /
    ``handle`` when the column names the platform (``default_platform``)."""
    original = value.strip()
    if not original:
        raise InvalidValue("empty: no handle given")
    found: tuple[str, str] | None = None
    if _URL_LIKE.match(original):
        found = _from_url(original)
    if found is None and (m := _PLATFORM_PREFIX.fullmatch(original)):
        platform = _platform(m[1])
        if platform is not None and platform not in _NOT_PLATFORMS:
            found = (platform, m[2])
    if found is None and default_platform:
        platform = _platform(default_platform)
        if platform is None:
            raise InvalidValue(f"{default_platform} is not a platform name")
        found = (platform, original)
    if found is None:
        raise InvalidValue(f"{original[:60]} names no platform; write platform:handle")
    platform, raw = found
    handle = _clean_handle(platform, raw)
    if not handle:
        raise InvalidValue(f"{original[:60]} names a platform but no handle")
    return Handle(platform, handle, original)


def parse_handles(value: str, default_platform: str | None = None) -> tuple[Handle, ...]:
    """Read a ``;``-separated list of handles; empty entries are skipped."""
    return tuple(parse_handle(p, default_platform) for p in re.split(r"[;\n]", value) if p.strip())
