"""``kg show ENTITY -o view.html``: one HTML page that draws an entity's
neighbourhood with no server: the data, the styles and the graph script are
all inside it (the CLI writes it to the file)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError
from kg.store import open_store
from kg.store.entities import find_entity, read_nodes, short_name
from kg.web.drawing import neighbourhood

__all__ = ["View", "render_view"]

_WEB = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class View:
    """A standalone page and what it draws."""

    html: str
    nodes: int
    edges: int


def render_view(
    location: str,
    name: str,
    *,
    data: tuple[Path, ...] = (),
    hops: int = 1,
) -> View:
    """The neighbourhood of the entity ``name`` as a standalone page.

    Raises:
        UnknownEntityError, AmbiguousEntityError: ``name`` does not resolve.
        KGError: The graph script is not built (``make install`` builds it).
    """
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from kg._version import __version__
    from kg.web.site import BUNDLE

    if not BUNDLE.is_file():
        raise KGError(f"The graph script is missing ({BUNDLE}): run `make install`.")
    with open_store(location, data=data) as store:
        node = find_entity(store, name)
        involved = neighbourhood(store, node.iri, read_nodes(store), hops=hops)
    environment = Environment(
        loader=FileSystemLoader(_WEB / "templates"), autoescape=select_autoescape()
    )
    # inline scripts end at the first "</script": keep the bundle from closing its tag
    bundle = BUNDLE.read_text(encoding="utf-8").replace("</script", "<\\/script")
    page = environment.get_template("show.html").render(
        node=node,
        graph=involved,
        hops=hops,
        version=__version__,
        css=_Raw((_WEB / "static" / "kg.css").read_text(encoding="utf-8")),
        bundle=_Raw(bundle),
        filename=re.sub(r"[^A-Za-z0-9-]+", "-", short_name(node.iri)),
    )
    return View(page, len(involved["nodes"]), len(involved["edges"]))


class _Raw(str):
    """Text Jinja puts in as it is (the script bundle, ours, not article text)."""

    def __html__(self) -> str:
        return str(self)
