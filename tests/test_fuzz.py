"""Bounded fuzzing: mutated sample files end in records or a CouncilPlansError, nothing else.

Each example is a small sample PDF or DOCX with bytes flipped, cut, inserted, deleted or
copied, PDF keywords garbled, or (DOCX) one zip member damaged, dropped, or given hostile
attribute values (``w:gridSpan="99999"``, ``w:val="x"``), then run through what a worker
runs for a file: ``pipeline.process_file`` (extract + normalise). ``process_file`` turns any
exception into a status; one it did not expect is reported as "unexpected error", which is a
bug: the example is then run again without the net, so the failure shows its traceback.

``FUZZ_EXAMPLES`` examples in all (default 150, deterministic); ``make fuzz`` runs 3000
random ones.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from councilplans.errors import CouncilPlansError
from councilplans.extract import extract_document
from councilplans.normalise import normalise_document
from councilplans.pipeline import facts_for, process_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PDFS = ["lbth_vawg_performance_matrix-rl.pdf", "bd_dsv_delivery_plan-rl.pdf"]
DOCXS = ["lbth_vawg_performance_matrix.docx", "bd_dsv_delivery_plan.docx"]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
pytestmark = pytest.mark.skipif(
    not all((SAMPLES / n).is_file() for n in PDFS + DOCXS), reason="samples/ not generated"
)

FUZZ = settings(
    max_examples=max(1, EXAMPLES // 3),
    deadline=None,
    database=None,
    derandomize="FUZZ_EXAMPLES" not in os.environ,  # `make test`: the same examples each run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
    report_multiple_bugs=False,  # one bug shrunk and shown at a time: a quick red run
)


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _seed(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


# --- byte-level mutations, for either format ---------------------------------------------

_pos = st.integers(min_value=0, max_value=2**20)
BYTE_OPS = st.one_of(
    st.tuples(st.just("flip"), _pos, st.integers(1, 255)),
    st.tuples(st.just("cut"), _pos),
    st.tuples(st.just("insert"), _pos, st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("delete"), _pos, st.integers(1, 512)),
    st.tuples(st.just("copy"), _pos, _pos, st.integers(1, 2048)),
)
PDF_WORDS = [b"/Length", b"/Count", b"/Kids", b"/MediaBox", b"/Filter", b"/Type", b"/Page",
             b"/Font", b"stream", b"endstream", b"endobj", b"xref", b"startxref", b"obj", b"re",
             b"Tj", b"TJ", b"Tf", b"cm", b" l", b" m"]
PDF_OPS = st.one_of(
    BYTE_OPS,
    st.tuples(st.just("word"), st.sampled_from(PDF_WORDS), _pos,
              st.sampled_from([b"", b"0", b"-1", b"99999999999", b"/Foo", b"(", b"<<", b"[",
                               b"1e308", b"NaN"])),
)


def _apply(data: bytearray, op: tuple) -> bytearray:
    n = max(len(data), 1)
    kind = op[0]
    if kind == "flip" and data:
        data[op[1] % n] ^= op[2]
    elif kind == "cut":
        del data[op[1] % n:]
    elif kind == "insert":
        data[op[1] % n:op[1] % n] = op[2]
    elif kind == "delete":
        del data[op[1] % n:op[1] % n + op[2]]
    elif kind == "copy":
        start = op[1] % n
        data[op[2] % n:op[2] % n] = data[start:start + op[3]]
    elif kind == "word":
        hits = [m.start() for m in re.finditer(re.escape(op[1]), data)]
        if hits:
            at = hits[op[2] % len(hits)]
            data[at:at + len(op[1])] = op[3]
    return data


# --- DOCX: damage one zip member -----------------------------------------------------------

MEMBERS = ["word/document.xml", "word/styles.xml", "[Content_Types].xml", "_rels/.rels",
           "word/_rels/document.xml.rels", "docProps/core.xml", "word/numbering.xml",
           "word/settings.xml"]
# Not "99999999": a span that wide is a memory/time bomb, which the worker limits catch (see
# test_cli_errors); in-process it would only exhaust the test machine.
HOSTILE_VALUES = [b"", b"x", b"-1", b"0", b"99999", b"1e9", b"2.5", b"\xff\xfe", b"&amp;",
                  b"9" * 40]
MEMBER_OPS = st.one_of(
    st.tuples(st.just("bytes"), st.sampled_from(MEMBERS), st.lists(BYTE_OPS, min_size=1,
                                                                     max_size=4)),
    st.tuples(st.just("drop"), st.sampled_from(MEMBERS)),
    st.tuples(st.just("attr"), st.sampled_from(MEMBERS), _pos, st.sampled_from(HOSTILE_VALUES)),
    st.tuples(st.just("stored"), st.sampled_from(MEMBERS), _pos, st.integers(1, 255)),
)


def _damage_member(seed: bytes, op: tuple) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(seed)) as zin:
            parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    except (zipfile.BadZipFile, zlib.error):  # an earlier "stored" op broke the zip: keep it
        return seed
    kind, name = op[0], op[1]
    if name not in parts:  # not in this sample, or dropped already: damage another member
        name = "word/document.xml" if "word/document.xml" in parts else min(parts, default="")
    if name not in parts:
        return seed
    if kind == "bytes":
        data = bytearray(parts[name])
        for byte_op in op[2]:
            data = _apply(data, byte_op)
        parts[name] = bytes(data)
    elif kind == "drop":
        del parts[name]
    elif kind == "attr":  # one attribute value, e.g. w:gridSpan / w:val / w:w, made hostile
        values = list(re.finditer(rb'="([^"]*)"', parts[name]))
        if values:
            m = values[op[2] % len(values)]
            parts[name] = parts[name][:m.start(1)] + op[3] + parts[name][m.end(1):]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for filename, data in parts.items():
            zout.writestr(filename, data)
    raw = bytearray(out.getvalue())
    if kind == "stored":  # damage the compressed bytes of the member inside the zip itself
        with zipfile.ZipFile(io.BytesIO(bytes(raw))) as z:
            info = z.getinfo(name)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        if info.compress_size:
            raw[start + op[2] % info.compress_size] ^= op[3]
    return bytes(raw)


# --- the property -------------------------------------------------------------------------

def _check(work: Path, data: bytes, suffix: str) -> None:
    path = work / f"case{suffix}"
    path.write_bytes(data)
    result = process_file(str(path), facts_for(path))
    if result.status in ("imported", "partial"):
        assert result.document is not None
        assert all(r.kind for r in result.document.records)
        return
    assert result.status in ("failed", "no_text"), result
    if result.error and result.error.startswith("unexpected error"):
        with contextlib.suppress(CouncilPlansError):  # once more without the net: a traceback
            normalise_document(extract_document(path))
        pytest.fail(f"{result.error} (not a CouncilPlansError)")


def _mutated(name: str, ops, mutate) -> bytes:
    """A seed file with ``mutate`` applied op by op (byte edits, or damaged zip members)."""
    data: bytes | bytearray = bytearray(_seed(name))
    for op in ops:
        data = mutate(data, op)
    return bytes(data)


@FUZZ
@given(name=st.sampled_from(PDFS), ops=st.lists(PDF_OPS, min_size=1, max_size=5))
def test_mutated_pdfs(work, name, ops):
    _check(work, _mutated(name, ops, _apply), ".pdf")


@FUZZ
@given(name=st.sampled_from(DOCXS), ops=st.lists(BYTE_OPS, min_size=1, max_size=5))
def test_mutated_docx_bytes(work, name, ops):
    _check(work, _mutated(name, ops, _apply), ".docx")


@FUZZ
@given(name=st.sampled_from(DOCXS), ops=st.lists(MEMBER_OPS, min_size=1, max_size=3))
def test_docx_with_damaged_members(work, name, ops):
    _check(work, _mutated(name, ops, _damage_member), ".docx")
