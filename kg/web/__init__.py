"""``kg serve`` and ``kg show``: the store in a browser.

The read path's last stage: pages, a JSON API and a SPARQL 1.1 endpoint over a
store opened read-only (:mod:`kg.web.app`), and a self-contained HTML view of
one entity's neighbourhood (:mod:`kg.web.show`). The graph drawing comes from
``web/`` (sigma.js and graphology from the npm registry, bundled into
``kg/web/static/dist/`` by ``make install``).
"""

from kg.web.serve import serve

__all__ = ["serve"]
