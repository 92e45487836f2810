"""Exports are atomic and never overwrite by accident."""

from __future__ import annotations

import pytest

from app.documents.atomic import ExportExists, atomic_write, atomic_write_bytes


def test_writes_and_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "sheet.csv"
    atomic_write_bytes(out, b"first")
    with pytest.raises(ExportExists, match="--force"):
        atomic_write_bytes(out, b"second")
    assert out.read_bytes() == b"first"
    atomic_write_bytes(out, b"second", force=True)
    assert out.read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.csv"]


def test_a_failing_writer_leaves_no_partial_file_and_keeps_the_old_one(tmp_path):
    out = tmp_path / "letter.docx"

    def half_then_fail(temp):
        temp.write_bytes(b"PK\x03\x04 half a zip")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(out, half_then_fail)
    assert list(tmp_path.iterdir()) == []
    out.write_bytes(b"old letter")
    with pytest.raises(RuntimeError):
        atomic_write(out, half_then_fail, force=True)
    assert out.read_bytes() == b"old letter"
    assert [p.name for p in tmp_path.iterdir()] == ["letter.docx"]


def test_the_temp_file_is_written_next_to_the_target(tmp_path):
    seen = []
    atomic_write(tmp_path / "x.pdf", lambda temp: (seen.append(temp), temp.write_bytes(b"%PDF")))
    assert seen[0].parent == tmp_path and seen[0].name.startswith(".x.pdf.")
    assert (tmp_path / "x.pdf").stat().st_mode & 0o777 != 0o600  # usual permissions, not mkstemp's


def test_missing_folder_and_directory_targets_are_clear_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="不存在") as missing:
        atomic_write_bytes(tmp_path / "nope" / "a.csv", b"x")
    assert missing.value.filename == str(tmp_path / "nope" / "a.csv")  # the message can name the file
    with pytest.raises(IsADirectoryError, match="文件夹"):
        atomic_write_bytes(tmp_path, b"x")
