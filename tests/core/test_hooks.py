"""The hooks and signals between the layers are named once (core/hooks.py), used
by both sides through that name, and listed in docs/ARCHITECTURE.md."""

import ast
import re
from pathlib import Path

from wagtail import hooks

from core import hooks as names

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    path
    for path in ROOT.iterdir()
    if (path / "apps.py").exists() or path.name in ("core", "config")
]


def _architecture_hooks() -> set[str]:
    """The names in the hook table of docs/ARCHITECTURE.md."""
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text()
    table = text.split("## Hooks and signals", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.M))


def _calls_with_literal(function: str):
    """(file, literal) for every `hooks.<function>("literal", ...)` in the apps."""
    for app in APPS:
        for path in app.rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == function
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                ):
                    yield path.relative_to(ROOT), node.args[0].value


def test_architecture_lists_every_hook_and_signal_and_no_other():
    assert _architecture_hooks() == set(names.HOOK_NAMES) | set(names.SIGNAL_NAMES)


def test_every_hook_has_a_registered_handler():
    missing = [name for name in names.HOOK_NAMES if not hooks.get_hooks(name)]
    assert missing == []


def test_our_hooks_are_never_named_by_a_string():
    """A typo in a string drops a feature silently; a typo in a constant fails at
    import. Wagtail's own hooks are named by string, as its documentation does."""
    ours = set(names.HOOK_NAMES)
    by_string = [
        (str(path), literal)
        for path, literal in _calls_with_literal("register")
        if literal in ours
    ]
    assert by_string == []
    # Our code reads only its own hooks: never a literal name.
    assert list(_calls_with_literal("get_hooks")) == []


def test_lifecycle_handlers_run_in_their_declared_order():
    """Delivery opens the grants before courses enrols (core.hooks)."""
    for hook_name in (names.ORDER_PAID, names.ORDER_CANCELLED, names.ORDER_REFUNDED):
        apps = [fn.__module__.split(".")[0] for fn in hooks.get_hooks(hook_name)]
        assert apps == ["delivery", "courses"], hook_name
