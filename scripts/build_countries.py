"""Build kb/data/countries.txt: the world's countries by their Chinese short names, from jionlp.

A park abroad that China builds or shares opens with its country (越南龙江工业园, 柬埔寨西哈努克港经济
特区, 韩国新万金韩中产业园); kb/park_words.py reads the names so that the country opens the park's name.

    pip download --no-deps jionlp==1.5.31 -d /tmp/jio
    python scripts/build_countries.py --wheel /tmp/jio/jionlp-1.5.31-py2.py3-none-any.whl
"""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kb" / "data" / "countries.txt"
WORLD_MEMBER = "jionlp/dictionary/world_location.txt"


def country_names(text: str) -> list[str]:
    """The short name of each country of world_location.txt (continent lines end with a colon), China left out."""
    names = [line.split("\t")[0] for line in text.splitlines() if "\t" in line]
    return [name for name in dict.fromkeys(names) if len(name) >= 2 and name != "中国"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheel", type=Path, required=True, help="a jionlp wheel")
    args = parser.parse_args()
    with zipfile.ZipFile(args.wheel) as wheel:
        names = country_names(wheel.read(WORLD_MEMBER).decode("utf-8"))
    OUT.write_text("\n".join(names) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(names)} countries")


if __name__ == "__main__":
    main()
