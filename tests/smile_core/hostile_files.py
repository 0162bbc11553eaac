"""Hostile files from issue 9, made in memory in milliseconds, each a few kB or MB.

- :func:`far_cell_workbook`: a real 6-7 kB workbook whose sheet claims (or holds) cell
  XFD1048576, so a reader sizing the sheet from it asks for 16384 × 1048576 cells;
- :func:`understated_zip`: a workbook-looking zip whose entry declares a few bytes and inflates
  to gigabytes (the deflate stream is one compressed block repeated, so nothing big is ever
  compressed or written);
- :func:`blank_lines_csv`: about 10 MB of empty CSV records.

Nothing here is read by SMILE itself.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

from spreadsheet_files import xlsx_bytes

_MINIMAL_SHEET = {"Adepter": [["ID", "Namn"], ["A1", "Anna"]]}


def far_cell_workbook(how: str = "dimension") -> bytes:
    """A small valid workbook whose first sheet reaches cell XFD1048576.

    ``how="dimension"``: only the sheet's ``<dimension ref>`` claims it; ``how="cell"``: the
    sheet holds a real cell there (and one in A1), so the used range is the whole grid.
    """
    data = xlsx_bytes(_MINIMAL_SHEET)
    entries = _entries(data)
    sheet = entries["xl/worksheets/sheet1.xml"]
    if how == "dimension":
        sheet = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', sheet)
    else:
        far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        sheet = sheet.replace(b"</sheetData>", far + b"</sheetData>")
    entries["xl/worksheets/sheet1.xml"] = sheet
    return _zip(entries)


def understated_zip(unpacked_bytes: int) -> bytes:
    """A workbook whose sheet entry declares 1 kB unpacked but really inflates to about
    ``unpacked_bytes`` (the data is XML-ish spaces after the sheet's start tag).

    The other entries are a real workbook's, so only the unpacked size gives it away.
    """
    entries = _entries(xlsx_bytes(_MINIMAL_SHEET))
    stream = _repeated_deflate(b"<worksheet>", b" " * (1 << 20), unpacked_bytes >> 20)
    buffer = io.BytesIO()
    directory = b""
    for name, content in entries.items():
        if name == "xl/worksheets/sheet1.xml":
            packed, size, crc = stream, 1000, 0
        else:
            packed = _raw_deflate(content)
            size, crc = len(content), zlib.crc32(content)
        offset = buffer.tell()
        encoded = name.encode()
        buffer.write(
            struct.pack(
                "<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(packed), size, len(encoded), 0
            )
        )
        buffer.write(encoded + packed)
        directory += (
            struct.pack(
                "<4s6H3I5H2I",
                b"PK\x01\x02",
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(packed),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = buffer.tell()
    buffer.write(directory)
    buffer.write(
        struct.pack(
            "<4s4H2IH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), start, 0
        )
    )
    return buffer.getvalue()


def blank_lines_csv(size: int = 9_900_000) -> bytes:
    """A header row, then empty records (CRLF) up to ``size`` bytes."""
    header = b"ID;Namn;K\xc3\xb6n\r\n"
    return header + b"\r\n" * ((size - len(header)) // 2)


def _entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _raw_deflate(content: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(content) + packer.flush()


def _repeated_deflate(head: bytes, block: bytes, times: int) -> bytes:
    """A raw deflate stream of ``head`` then ``block`` ``times`` times, built in milliseconds.

    After a full flush the compressor's window holds only ``block``'s bytes, so every later
    copy of ``block`` compresses to the same bytes: those are repeated instead of recomputed.
    """
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = packer.compress(head + block) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    assert packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH) == again
    return first + again * max(0, times - 2) + packer.flush(zlib.Z_FINISH)
