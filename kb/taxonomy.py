"""Taxonomy: the parks and industry clusters kb links passages to.

The bundled kb/data/taxonomy.toml and kb/data/cluster_vocabulary.toml (more keywords of its
clusters) are merged with a taxonomy.toml beside the corpus and
with --taxonomy FILE; entries with the same name are merged, aliases, keywords and not_about
phrases added.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path


@dataclass
class Park:
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = ""
    within: str = ""


@dataclass
class Cluster:
    name: str
    aliases: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    broad: bool = False
    # phrases that hold one of its words but are not about it (农业转移人口: people moving to towns)
    not_about: list[str] = field(default_factory=list)
    # words of the bundled blind vocabulary (kb/data/cluster_vocabulary.toml): keywords that yield
    # to any name, alias or keyword another cluster has, a user's too
    vocabulary: list[str] = field(default_factory=list)


class TaxonomyError(Exception):
    """A taxonomy file that cannot be read; one line for the user."""


def _read_toml(path: Path | None, text: str | None = None) -> dict:
    try:
        if text is not None:
            return tomllib.loads(text)
        assert path is not None
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TaxonomyError(f"cannot read taxonomy {path}: {exc}") from None


@dataclass
class Taxonomy:
    parks: dict[str, Park] = field(default_factory=dict)
    clusters: dict[str, Cluster] = field(default_factory=dict)

    def merge(self, data: dict, *, vocabulary: bool = False) -> None:
        """Add a file's entries; `vocabulary`: its cluster keywords are the bundled vocabulary's."""
        for item in data.get("park", []):
            name = item["name"]
            park = self.parks.setdefault(name, Park(name))
            park.aliases += [a for a in item.get("aliases", []) if a not in park.aliases]
            park.kind = item.get("kind", park.kind)
            park.within = item.get("within", park.within)
        for item in data.get("cluster", []):
            name = item["name"]
            cluster = self.clusters.setdefault(name, Cluster(name))
            cluster.aliases += [a for a in item.get("aliases", []) if a not in cluster.aliases]
            words = cluster.vocabulary if vocabulary else cluster.keywords
            words += [k for k in item.get("keywords", []) if k not in words]
            cluster.broad = bool(item.get("broad", cluster.broad))
            cluster.not_about += [p for p in item.get("not_about", []) if p not in cluster.not_about]

    def canonical_cluster(self, name: str) -> str:
        """The canonical name for a cluster name or alias ('' when unknown)."""
        bare = _strip_cluster_suffix(name)
        for cluster in self.clusters.values():
            names = [cluster.name, *cluster.aliases]
            if name in names or bare in [_strip_cluster_suffix(n) for n in names]:
                return cluster.name
        return ""

    def canonical_park(self, name: str) -> str:
        for park in self.parks.values():
            if name == park.name or name in park.aliases:
                return park.name
        return name


def _strip_cluster_suffix(name: str) -> str:
    return re.sub(r"(产业集群|产业链|产业|集群)$", "", name)


def load_taxonomy(extra: list[Path] | None = None, *, vocabulary: bool = True) -> Taxonomy:
    """The bundled taxonomy, then its blind industry vocabulary (kb/data/cluster_vocabulary.toml,
    written by bench/cluster_vocabulary.py, which measures each word against the taxonomy without
    it: vocabulary=False), then the user's files."""
    taxonomy = Taxonomy()
    bundled = resources.files("kb.data")
    taxonomy.merge(_read_toml(None, bundled.joinpath("taxonomy.toml").read_text(encoding="utf-8")))
    if vocabulary:
        text = bundled.joinpath("cluster_vocabulary.toml").read_text(encoding="utf-8")
        taxonomy.merge(_read_toml(None, text), vocabulary=True)
    for path in extra or []:
        taxonomy.merge(_read_toml(path))
    return taxonomy


def find_extra_taxonomies(taxonomy_path: Path | None, roots: list[Path] | None) -> list[Path]:
    """The taxonomy files an ingest merges: one beside each corpus root, then --taxonomy."""
    extra = [root / "taxonomy.toml" for root in roots or [] if (root / "taxonomy.toml").is_file()]
    if taxonomy_path is not None:
        if not taxonomy_path.is_file():
            raise TaxonomyError(f"taxonomy file {taxonomy_path} does not exist")
        extra.append(taxonomy_path)
    return extra


def toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_taxonomy_toml(canonicals) -> str:
    """[[park]] entries for discovered parks (objects with name, aliases, within), for the
    user to curate and pass back with --taxonomy; kind is the name's kind suffix."""
    from .parks import park_kind

    lines = ["# parks discovered by kb: check, edit, then pass with --taxonomy FILE", ""]
    for row in sorted(canonicals, key=lambda r: r.name):
        lines.append("[[park]]")
        lines.append(f"name = {toml_string(row.name)}")
        if row.aliases:
            lines.append("aliases = [" + ", ".join(toml_string(a) for a in row.aliases) + "]")
        kind = park_kind(row.name)
        if kind:
            lines.append(f"kind = {toml_string(kind)}")
        if row.within:
            lines.append(f"within = {toml_string(row.within)}")
        lines.append("")
    return "\n".join(lines)
