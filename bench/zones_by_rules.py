"""How kb's park rules alone read the names of the known zones (a development measure).

    python bench/zones_by_rules.py            # counts, and the kinds most often missed
    python bench/zones_by_rules.py --missed   # every name missed, with what the rules found

kb/data/zones.tsv holds some two thousand zone names written from general knowledge. kb finds
them by lookup; this script sets each name in three neutral sentences and asks the rules
(kb/parks.py, without the lookup) to read it whole. A name they miss shows a shape of name
they cannot read, and an unlisted zone of the same shape, in a document nobody annotated, is
missed the same way. No annotated document is read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.parks import find_park_names  # noqa: E402
from kb.zones import known_zones  # noqa: E402

FRAMES = ("推进{}建设。", "{}实现营业收入增长10%。", "支持{}创建国家级平台。")


def read_whole(name: str) -> tuple[int, list[list[str]]]:
    """In how many frames the rules read `name` whole, and what they read in each."""
    found = [[p.name for p in find_park_names(frame.format(name), []) if not p.generic] for frame in FRAMES]
    return sum(name in names for names in found), found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missed", action="store_true", help="print every name missed in some frame")
    args = parser.parse_args(argv)
    zones = known_zones().zones
    by_frames: Counter[int] = Counter()
    missed_kinds: Counter[str] = Counter()
    for zone in zones:
        hits, found = read_whole(zone.name)
        by_frames[hits] += 1
        if hits < len(FRAMES):
            missed_kinds[zone.kind] += 1
            if args.missed:
                print(zone.kind, zone.name, found, sep="\t")
    print(f"{len(zones)} known zones; read whole in all {len(FRAMES)} frames: {by_frames[len(FRAMES)]}, "
          f"in some: {sum(n for k, n in by_frames.items() if 0 < k < len(FRAMES))}, in none: {by_frames[0]}")
    print("kinds most often missed:", ", ".join(f"{kind} {n}" for kind, n in missed_kinds.most_common(12)))


if __name__ == "__main__":
    main()
