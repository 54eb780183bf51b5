import pytest

from procure.text_rules import MAX_NAME_LENGTH, check_text, comparison_key


@pytest.mark.parametrize(
    ("raw", "value", "problem", "warning"),
    [
        ("  MAZ-6516V8  ", "MAZ-6516V8", None, None),
        ("БелАЗ\u00a07513", "БелАЗ 7513", None, None),
        ("MAZ\t6516\nV8", "MAZ 6516 V8", None, None),
        ("MAZ\u200b-6516", "MAZ-6516", None, "invisible characters (U+200B) removed"),
        ("\u202eZAM", "ZAM", None, "invisible characters (U+202E) removed"),
        ("MAZ\x07", None, "contains control characters (U+0007), not allowed in text", None),
        (
            "x" * (MAX_NAME_LENGTH + 1),
            None,
            "is 201 characters long; at most 200 are allowed",
            None,
        ),
    ],
)
def test_check_text_of_a_name(
    raw: str, value: str | None, problem: str | None, warning: str | None
) -> None:
    checked = check_text(raw)
    assert checked.problem == problem
    assert checked.warning == warning
    if value is not None:
        assert checked.value == value


def test_free_text_keeps_its_lines() -> None:
    assert (
        check_text("line one\nline two", multiline=True, max_length=100).value
        == "line one\nline two"
    )
    assert check_text("a\x00b", multiline=True).problem is not None


def test_names_that_look_the_same_compare_equal() -> None:
    assert comparison_key("MAZ\u200b-6516  V8") == comparison_key("maz-6516 v8")
    assert comparison_key("MAZ-6516") != comparison_key("MAZ-6517")
