"""The README's Python example runs as written, on the bundled example articles."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.mark.slow
def test_readme_python_example_runs(
    tmp_path: Path, examples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    [code] = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    shutil.copytree(examples_dir, tmp_path / "articles")
    monkeypatch.chdir(tmp_path)
    names: dict[str, object] = {}
    exec(compile(code, str(README), "exec"), names)
    assert names["report"].added > 0  # type: ignore[attr-defined]
    for found in ("hits", "people", "said", "history"):
        assert names[found], f"the README's {found} found nothing in the examples"
    assert (tmp_path / "news.db").exists()
