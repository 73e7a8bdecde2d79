"""Log records never carry an identifier: a resident ID, certificate number or phone number in a
request line (`GET /persons/?q=370811…`), a message, its arguments or a traceback is masked
(`core.masking.mask_identifiers_in_text`) before any handler writes it. Set on every handler in
settings.LOGGING, so that it holds for records propagated from any logger."""

from __future__ import annotations

import logging

from ablework.core.masking import mask_identifiers_in_text

_FORMATTER = logging.Formatter()


class MaskIdentifiers(logging.Filter):
    """Rewrites the record's text with identifiers masked; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_identifiers_in_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = _FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_identifiers_in_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_identifiers_in_text(record.stack_info)
        return True
