"""Identifiers quoted in free text (messages, reasons, log lines) are masked as views mask them."""

from __future__ import annotations

from ablework.core.masking import mask_identifiers_in_text

RESIDENT_ID = "370811199001011234"
RESIDENT_ID_X = "37081119900101123X"
CERTIFICATE = "37081119900101123442"


def test_resident_ids_certificates_and_phones_in_text_are_masked():
    text = (
        f"第3行：{RESIDENT_ID}已登记；证号{CERTIFICATE}，q={RESIDENT_ID_X.lower()}&page=2，"
        "电话13812345678 或 0531-88889999"
    )
    masked = mask_identifiers_in_text(text)
    for clear in (RESIDENT_ID, CERTIFICATE, RESIDENT_ID_X.lower(), "13812345678", "0531-88889999"):
        assert clear not in masked
    # Nothing of the birth date or the tail is left; phones keep what mask_phone keeps.
    for part in ("19900101", "1234", "23442", "123x"):
        assert part not in masked
    assert masked.startswith("第3行：370811************已登记；证号370811**************，q=")
    assert "&page=2，电话138****5678 或 053******9999" in masked


def test_other_numbers_and_text_are_left_alone():
    text = 'GET /persons/?page=12 HTTP/1.1" 200 48213 批次 20261201115959123456789 用时 1733051234'
    assert mask_identifiers_in_text(text) == text
    assert mask_identifiers_in_text("") == ""
