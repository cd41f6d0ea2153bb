import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from turquesa.errors import InvalidValue
from turquesa.normalise.contacts import (
    Email,
    parse_email,
    parse_emails,
    parse_handle,
    parse_handles,
)


def test_email():
    assert parse_email(" Maria.P@Gmail.com ") == Email(
        " Maria.P@Gmail.com ".strip(), "maria.p@gmail.com", True
    )
    assert parse_email("mailto:x@y.co").address == "x@y.co"
    assert parse_email("María P <maria@correo.com.co>").address == "maria@correo.com.co"
    bad = parse_email("maria@gmail")
    assert bad.valid is False
    assert bad.address == "maria@gmail"
    assert parse_email("a@@b.com").valid is False
    with pytest.raises(InvalidValue):
        parse_email("  ")


def test_emails():
    assert [e.address for e in parse_emails("a@b.com; C@D.org;;")] == ["a@b.com", "c@d.org"]


@pytest.mark.parametrize(
    ("text", "default", "key"),
    [
        ("whatsapp:+57 300 123 4567", None, "whatsapp:+573001234567"),
        ("wa:+573001234567", None, "whatsapp:+573001234567"),
        ("wsp:300 123 4567", None, "whatsapp:3001234567"),
        ("fb:Maria.P", None, "facebook:maria.p"),
        ("Facebook: maria.p", None, "facebook:maria.p"),
        ("IG:@la_flaca", None, "instagram:la_flaca"),
        ("tg:@JuanP", None, "telegram:juanp"),
        ("twitter:@abc", None, "x:abc"),
        ("@maria.p", "facebook", "facebook:maria.p"),
        ("maria.p", "fb", "facebook:maria.p"),
        ("https://www.facebook.com/maria.p", None, "facebook:maria.p"),
        ("facebook.com/maria.p?ref=xyz", None, "facebook:maria.p"),
        ("m.facebook.com/profile.php?id=100012345", None, "facebook:100012345"),
        ("instagram.com/la_flaca/", None, "instagram:la_flaca"),
        ("t.me/JuanP", None, "telegram:juanp"),
        ("https://www.tiktok.com/@Juanito", None, "tiktok:juanito"),
        ("wa.me/573001234567", None, "whatsapp:+573001234567"),
        ("https://x.com/abc", None, "x:abc"),
        ("twitter.com/abc", None, "x:abc"),
        ("signal:+1 202 555 0123", None, "signal:+12025550123"),
    ],
)
def test_handle(text, default, key):
    h = parse_handle(text, default)
    assert h.key == key
    assert h.original == text.strip()


@pytest.mark.parametrize("text", ["maria.p", "https://example.com/maria"])
def test_no_platform(text):
    with pytest.raises(InvalidValue, match="names no platform; write platform:handle"):
        parse_handle(text)


def test_handles():
    hs = parse_handles("fb:maria.p; ig:@maria;  ")
    assert [h.key for h in hs] == ["facebook:maria.p", "instagram:maria"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.sampled_from([None, "facebook", "whatsapp"]))
def test_handle_only_invalid_value_and_idempotent(text, default):
    try:
        h = parse_handle(text, default)
    except InvalidValue:
        return
    assert parse_handle(h.key).key == h.key


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_email_only_invalid_value(text):
    try:
        e = parse_email(text)
    except InvalidValue:
        return
    assert parse_email(e.address).address == e.address
