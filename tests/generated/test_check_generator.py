"""scripts/check_generator.py: which custom template no longer fits another generator version, checked offline.

The pinned generator must fit every template. A stock template that changed upstream, or an override whose output
drifts from its golden copy, must be named. Every custom template is covered by a golden test and tracked.
"""

from __future__ import annotations

import ast
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import check_generator  # noqa: E402


def _golden_tested() -> list[str]:
    """The files tests/generated/test_templates.py compares with golden copies (its SHAPED list)."""
    tree = ast.parse((Path(__file__).parent / "test_templates.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "SHAPED" for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise AssertionError("SHAPED not found")


def test_every_custom_template_is_tracked_and_has_a_golden_test() -> None:
    templates = {p.name for p in check_generator.TEMPLATES.glob("*.jinja")}
    assert set(check_generator.SHAPES) == templates
    assert set(check_generator.SHAPES.values()) == set(_golden_tested())
    base = check_generator.record(check_generator.stock_dir(Path(sys.executable)), "pinned")
    assert base["sha256"] == check_generator.json.loads(check_generator.BASE.read_text())["sha256"]
    assert "endpoint_macros.py.jinja" in check_generator.tracked("endpoint_module.py.jinja")


@pytest.mark.slow
def test_the_pinned_generator_fits_every_template() -> None:
    verdicts, _ = check_generator.check(Path(sys.executable))
    assert [v.template for v in verdicts if not v.fits] == []
    assert check_generator.main(["--python", sys.executable]) == 0


def test_a_stock_template_changed_upstream_is_named(tmp_path: Path) -> None:
    stock = tmp_path / "templates"
    shutil.copytree(check_generator.stock_dir(Path(sys.executable)), stock)
    base = check_generator.json.loads(check_generator.BASE.read_text())["sha256"]
    (stock / "endpoint_macros.py.jinja").write_text((stock / "endpoint_macros.py.jinja").read_text() + "{# new #}\n")
    (stock / "str_enum.py.jinja").unlink()
    assert check_generator.upstream("endpoint_module.py.jinja", stock, base) == "changed: endpoint_macros.py.jinja"
    assert check_generator.upstream("str_enum.py.jinja", stock, base) == "missing: str_enum.py.jinja"
    assert check_generator.upstream("types.py.jinja", stock, base) == "unchanged"
    verdicts = [
        check_generator.Verdict("endpoint_module.py.jinja", "changed: endpoint_macros.py.jinja", True, "matches"),
        check_generator.Verdict("types.py.jinja", "unchanged", True, "differs"),
        check_generator.Verdict("models_init.py.jinja", "unchanged", True, "matches"),
    ]
    text = check_generator.report(verdicts, "9.9.9", stock, check_generator.stock_dir(Path(sys.executable)))
    assert "no longer fit: endpoint_module.py.jinja, types.py.jinja" in text
    assert "upstream change in endpoint_macros.py.jinja (re-base openapi/templates/endpoint_module.py.jinja" in text
    assert "+{# new #}" in text


def test_a_template_that_fails_to_render_is_named() -> None:
    log = (
        "│ /work/x/openapi/templates/endpoint_module.py.jinja:50 in template │\n"
        "TemplateAssertionError: No filter named 'as_unembedded_code'.\n"
    )  # the shape of openapi-python-client 0.28.3's failure on our templates
    assert check_generator.failure_summary(log) == (
        "generation failed in endpoint_module.py.jinja line 50: "
        "TemplateAssertionError: No filter named 'as_unembedded_code'."
    )
