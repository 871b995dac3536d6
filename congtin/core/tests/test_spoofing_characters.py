"""Characters that make what staff see differ from what was sent are removed;
every Vietnamese letter, punctuation and emoji stays."""

import string
import unicodedata

import pytest

from congtin.core import public_forms as pf
from congtin.core.vietnamese import (
    MAX_MARKS_PER_LETTER,
    VIETNAMESE_LETTERS,
    strip_spoofing_characters,
)

TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
VOWELS = "aăâeêioôơuưy"


def vietnamese_letters() -> list[str]:
    """Every letter with a diacritic, built from vowels and tones (not copied from
    the module under test): 67 lowercase, 67 uppercase."""
    lower = {
        unicodedata.normalize("NFC", vowel + tone) for vowel in VOWELS for tone in TONES
    }
    lower = {letter for letter in lower if not letter.isascii()} | {"đ"}
    return sorted(lower) + sorted(letter.upper() for letter in lower)


LETTERS = vietnamese_letters()


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_all_134_vietnamese_letters_survive_nfc_and_nfd():
    assert len(LETTERS) == 134
    assert set(LETTERS) == set(VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper())
    for letter in LETTERS:
        for sent in (letter, nfd(letter)):
            for text in (sent, f"x{sent}y", f"{sent} {sent}.", f"({sent}{sent})"):
                expected = unicodedata.normalize("NFC", text)
                assert strip_spoofing_characters(text) == expected, ascii(text)
    sentence = "Ủy ban nhân dân quận Lê Chân: Đường Nguyễn Đức Cảnh, phường Hàng Kênh"
    assert strip_spoofing_characters(nfd(sentence)) == sentence
    assert strip_spoofing_characters(sentence) == sentence


def test_punctuation_symbols_and_emoji_are_kept():
    kept = [
        string.printable.strip(),
        "“Ngoặc kép” ‘đơn’ « » – — … • · № ° ₫ € ¥ © ® ™ ½ × ÷ ≤ ≥ ← →",
        "Số 12/2024/NĐ-CP, giá 1.000.000₫ (một triệu đồng)!",
        "Cảm ơn 👍 ❤\ufe0f 🇻🇳 😀 ✓ ☎",
        "Ελληνικά, русский, العربية, עברית, 中文, 日本語, 한국어, ไทย",
        "Dòng 1\nDòng 2\tcột",
    ]
    for text in kept:
        assert strip_spoofing_characters(text) == text, text


# The characters the issue names; the rule finds them by category.
REMOVED = [
    *"\u200e\u200f\u061c",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
    *map(chr, range(0x200B, 0x200E)),
    *map(chr, range(0x2060, 0x2065)),
    *"\ufeff\u180e\u00ad",
    *map(chr, range(0xE0000, 0xE0080)),
    # Invisible letters (Hangul fillers) and the combining grapheme joiner.
    *"\u115f\u1160\u3164\uffa0\u034f",
]


@pytest.mark.parametrize("char", REMOVED, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_and_direction_characters_are_removed(char):
    assert strip_spoofing_characters(f"Lê{char} Chân{char}") == "Lê Chân"
    assert strip_spoofing_characters(f"{char}{char}") == ""
    # Removing one must not let a combining mark land on the letter before it.
    assert strip_spoofing_characters(f"Lan {char}\u0301Anh") == "Lan Anh"


def test_right_to_left_override_cannot_disguise_a_file_name():
    assert strip_spoofing_characters("baocao\u202efdp.exe") == "baocaofdp.exe"
    assert strip_spoofing_characters("\u2067Nguyễn Văn A\u2069") == "Nguyễn Văn A"


def test_marks_without_a_letter_are_removed():
    cases = {
        "\u0301Lan": "Lan",
        "\u0301\u0323\u0300": "",
        "Lan \u0301Anh": "Lan Anh",
        "Lan\u3000\u0309Anh": "Lan\u3000Anh",
        "Lan,\u0301 (\u0303) -\u20dd": "Lan, () -",
        "\n\u0300Dòng": "\nDòng",
        "\u0300\U0001f600": "\U0001f600",
    }
    for sent, expected in cases.items():
        assert strip_spoofing_characters(sent) == expected, ascii(sent)


def test_stacked_marks_are_capped():
    assert MAX_MARKS_PER_LETTER >= 2  # ệ, ặ, ở need two in NFD
    zalgo = (
        "H" + "\u0338\u0321\u032a\u032f\u0368\u034a\u033d" * 20 + "à" + "\u0300" * 30
    )
    result = strip_spoofing_characters(zalgo)
    letters = nfd(result)
    assert letters.startswith("H") and "a\u0300" in letters
    runs, run = [], 0
    for ch in letters:
        if unicodedata.combining(ch) or unicodedata.category(ch).startswith("M"):
            run += 1
        else:
            runs.append(run)
            run = 0
    runs.append(run)
    assert max(runs) <= MAX_MARKS_PER_LETTER
    assert len(result) <= 2 + 2 * MAX_MARKS_PER_LETTER
    # Scripts whose letters carry marks of their own keep them.
    for text in ("ภาษาไทย", "हिन्दी", "ಕೋ", "ᾯ"):
        assert strip_spoofing_characters(text) == text


def test_variation_selectors_only_on_something():
    assert strip_spoofing_characters("\ufe0fLan") == "Lan"
    assert strip_spoofing_characters("Lan \ufe0f\U000e0100") == "Lan "
    assert strip_spoofing_characters("❤\ufe0f\ufe0f\ufe0e") == "❤\ufe0f"
    assert strip_spoofing_characters("葛\U000e0100") == "葛\U000e0100"


def test_result_is_nfc_and_cleaning_twice_changes_nothing():
    text = "Ho\u0300ng\u200b \u202eA\u0301nh " + "e\u0302\u0323" + "\u0301" * 9
    once = strip_spoofing_characters(text)
    assert unicodedata.is_normalized("NFC", once)
    assert strip_spoofing_characters(once) == once
    assert strip_spoofing_characters("") == ""


def test_clean_text_applies_the_rule():
    assert pf.clean_text("\u202eNguye\u0302\u0303n\u200b Văn\U000e0041") == (
        "Nguyễn Văn"
    )
    assert pf.clean_text("\u0301\u200d ") == ""
    # Unicode line and paragraph separators are line breaks, not invisible text.
    assert pf.clean_text("Tên\u2028Giả\u2029Mạo") == "Tên Giả Mạo"
    assert pf.clean_text("Dòng 1\u2028Dòng 2", multiline=True) == "Dòng 1\nDòng 2"
