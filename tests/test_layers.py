"""The project's shape: imports run one way (.importlinter), and no two files import each
other, directly or round about."""

import configparser
import re

import grimp
import pytest
from django.conf import settings
from importlinter.cli import lint_imports

PACKAGES = ("canvas", "networks", "coalitions")
# Modules Django finds by name, which nothing imports: they need no place in a layer.
UNPLACED = re.compile(r"(^|\.)(apps|settings|migrations(\..*)?)$|\.migrations\.")


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*PACKAGES, include_external_packages=False)


def _layers():
    config = configparser.ConfigParser()
    config.read(settings.BASE_DIR / ".importlinter")
    raw = config["importlinter:contract:rooms"]["layers"]
    return [
        {name.strip() for name in re.split(r"[|:]", line)}
        for line in raw.splitlines()
        if line.strip() and not line.strip().startswith(";")
    ]


def test_imports_run_one_way():
    assert lint_imports(config_filename=str(settings.BASE_DIR / ".importlinter")) == 0


def test_every_module_has_a_place_in_a_layer(graph):
    placed = set().union(*_layers())
    unplaced = sorted(
        module
        for module in graph.modules
        if not UNPLACED.search(module)
        and not any(module == p or module.startswith(p + ".") for p in placed)
        and not graph.find_children(module)  # a package's own __init__ holds no code
    )
    assert unplaced == [], "give these a layer in .importlinter"


def _cycles(graph):
    """Strongly connected groups of modules (Tarjan), migrations left out."""
    modules = sorted(m for m in graph.modules if not UNPLACED.search(m))
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if UNPLACED.search(imported):
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while (member := stack.pop()) != module:
                on_stack.discard(member)
                group.append(member)
            on_stack.discard(module)
            if group:
                found.append(sorted([module, *group]))

    for module in modules:
        if module not in index:
            visit(module)
    return found


def test_no_two_files_import_each_other(graph):
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle(tmp_path, monkeypatch):
    for name, body in {
        "a": "import loop.b\n",
        "b": "import loop.c\n",
        "c": "import loop.a\n",
    }.items():
        (tmp_path / "loop").mkdir(exist_ok=True)
        (tmp_path / "loop" / f"{name}.py").write_text(body)
    (tmp_path / "loop" / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _cycles(grimp.build_graph("loop", cache_dir=None)) == [["loop.a", "loop.b", "loop.c"]]
