"""Run the web app: bind the address, open the store read-only, serve."""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Callable
from pathlib import Path

from kg.errors import KGError

__all__ = ["serve"]

_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")


def serve(
    location: str,
    *,
    data: tuple[Path, ...] = (),
    host: str = "127.0.0.1",
    port: int = 8750,
    timeout: float = 10.0,
    max_rows: int = 10_000,
    max_nodes: int = 2000,
    cors: tuple[str, ...] = (),
    announce: Callable[[str], None] = print,
) -> None:
    """Serve the store at ``location`` (or the RDF files ``data``) on
    ``host:port`` until interrupted; ``port`` 0 takes a free one.

    Raises:
        KGError: No store there, the page scripts are not built, or the
            address cannot be bound.
    """
    import uvicorn

    from kg.web.guard import MAX_BODY_BYTES
    from kg.web.live import LiveStore
    from kg.web.site import BUNDLE, Limits, create_app

    if not BUNDLE.is_file():
        raise KGError(
            f"The graph view's script is missing ({BUNDLE}): run `make install` "
            "(or `npm ci && npm run build` in web/)."
        )
    live = LiveStore(location, data=data)
    listener = _bind(host, port)
    app = create_app(
        live,
        Limits(
            timeout=timeout,
            max_rows=max_rows,
            max_nodes=max_nodes,
            cors=cors,
            # on loopback, answer loopback names only (no DNS rebinding)
            hosts=_LOOPBACK_NAMES if _loopback(host) else (),
        ),
    )
    # read the entity directory now, so the first search does not wait for it
    threading.Thread(target=live.directory, name="kg-directory", daemon=True).start()
    bound_host, bound_port = listener.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    where = "the files " + ", ".join(map(str, data)) if data else location
    announce(
        f"kg serve: http://{shown}:{bound_port}/ over {where} (read-only); "
        "Ctrl+C stops it"
    )
    if not _loopback(host):
        announce(
            f"warning: listening on {host}: anyone who can reach this machine can "
            "read the store"
        )
    # h11's buffer holds a whole request head: large enough that an overlong
    # URL reaches the app and is answered 414 with the limit, not cut off
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        h11_max_incomplete_event_size=4 * MAX_BODY_BYTES,
    )
    uvicorn.Server(config).run(sockets=[listener])


def _bind(host: str, port: int) -> socket.socket:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as err:
        raise KGError(
            f"--host {host}: {err.strerror}; give an address such as 127.0.0.1"
        ) from err
    family, kind, proto, _, address = infos[0]
    listener = socket.socket(family, kind, proto)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(address)
    except OSError as err:
        listener.close()
        raise KGError(
            f"Cannot listen on {host}:{port} ({err.strerror}): another program may "
            "use that port; pass --port with another number (or 0 for any free one)."
        ) from err
    listener.listen(128)
    listener.set_inheritable(True)
    return listener


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
