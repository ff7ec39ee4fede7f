"""An upload cap Django does not have: DATA_UPLOAD_MAX_MEMORY_SIZE leaves files out of its count."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


def _too_big() -> RequestDataTooBig:
    limit = settings.QUOTEBOOK_MAX_UPLOAD_BYTES
    return RequestDataTooBig(f"The upload is larger than the {limit:,} bytes this server accepts.")


class CappedUploadHandler(FileUploadHandler):
    """Refuse (400) an upload over QUOTEBOOK_MAX_UPLOAD_BYTES: at once when the request says its size,
    else as soon as a file's chunks pass it, so it is never read or stored whole."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > settings.QUOTEBOOK_MAX_UPLOAD_BYTES:
            raise _too_big()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > settings.QUOTEBOOK_MAX_UPLOAD_BYTES:
            raise _too_big()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
