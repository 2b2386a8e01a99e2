"""Fetch the poster's fonts from the npm registry and store them as TrueType files.

Run from the project: `uv run python static/fonts/fetch.py` (needs npm and tar).
`npm pack` downloads each pinned @fontsource package without installing it; the WOFF2
files are converted to TTF once here, because WeasyPrint would otherwise decompress
them on every render (about 2 s). The symbol fonts are cut down to the blocks people
type in notes (arrows, check marks, stars, shapes), to keep the repository small.
Every font is under the SIL Open Font License 1.1; its LICENSE file is copied along.
"""

import subprocess
import tarfile
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont, woff2

HERE = Path(__file__).resolve().parent

PACKAGES = {
    "source-sans-3": "5.3.0",
    "noto-emoji": "5.3.2",
    "noto-sans-symbols-2": "5.3.0",
    "noto-sans-math": "5.3.0",
}
# package -> [(file in the package's files/, unicode ranges to keep or None for all)]
FILES = {
    "source-sans-3": [
        (f"source-sans-3-{subset_}-{style}.woff2", None)
        for subset_ in ("latin", "latin-ext")
        for style in ("400-normal", "400-italic", "600-normal", "700-normal")
    ],
    "noto-emoji": [("noto-emoji-emoji-400-normal.woff2", None)],
    "noto-sans-symbols-2": [
        (
            "noto-sans-symbols-2-symbols-400-normal.woff2",
            "U+0020-007E,U+00A0,U+2300-23FF,U+2460-24FF,U+25A0-27BF,U+2B00-2BFF",
        )
    ],
    "noto-sans-math": [
        (
            "noto-sans-math-latin-400-normal.woff2",
            "U+0020-007E,U+00A0,U+2190-21FF,U+2200-22FF,U+27F0-27FF,U+2900-297F",
        )
    ],
}


def unpack(name, version, work):
    tgz = subprocess.run(
        ["npm", "pack", "--silent", f"@fontsource/{name}@{version}"],
        cwd=work,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]
    target = work / name
    with tarfile.open(work / tgz) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def convert(source, target, ranges):
    with source.open("rb") as woff, target.open("wb") as ttf:
        woff2.decompress(woff, ttf)
    if ranges:
        font = TTFont(target)
        subsetter = subset.Subsetter(subset.Options(notdef_outline=True, name_IDs=["*"]))
        subsetter.populate(unicodes=subset.parse_unicodes(ranges))
        subsetter.subset(font)
        font.save(target)


def main():
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        for name, version in PACKAGES.items():
            package = unpack(name, version, work)
            for filename, ranges in FILES[name]:
                target = HERE / filename.replace(".woff2", ".ttf")
                convert(package / "files" / filename, target, ranges)
                print(f"{target.name}  (@fontsource/{name}@{version})")
            (HERE / f"LICENSE-{name}.txt").write_bytes((package / "LICENSE").read_bytes())


if __name__ == "__main__":
    main()
