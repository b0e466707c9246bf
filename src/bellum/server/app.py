"""The HTTP API and the dashboard, over one knowledge base opened read-only.

`create_app(db_path)` builds the FastAPI app; `serve(db_path, host, port)`
runs it with uvicorn (the `bellum serve` command calls it). Every error,
whatever raised it, leaves as one JSON shape: {"ok": false, "error", "status"}.
Nothing is fetched from the network: the dashboard's scripts, the basemap and
the Swagger UI of /docs are files of this package.
"""

from __future__ import annotations

import errno
import inspect
import json
import socket
from datetime import date
from pathlib import Path
from typing import Any, Iterator, Literal

from fastapi import Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

import bellum
from bellum.errors import BellumError, InvalidArgument, PortInUse
from bellum.server import queries
from bellum.filters import FILTERS, MAX_LIMIT, MAX_OFFSET, OPERATORS, check_names, parse_date

STATIC_DIR = Path(__file__).parent / "static"
# the basemap: Natural Earth countries, shipped once for the whole package in knowledge/
BOUNDARIES_DIR = Path(__file__).parent.parent / "knowledge" / "boundaries"
# the dashboard and /docs load nothing from anywhere but this server, and no page frames them
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
# everything else (JSON, CSV, static files) is data, never a page
DATA_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
SECURITY_HEADERS = (
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    ("content-security-policy", DATA_CSP),
)
# names under which a browser on this machine reaches a loopback server
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
WILDCARD_HOSTS = ("0.0.0.0", "::", "")


class NotFound(BellumError):
    """A path names an event, actor, place or document the knowledge base does not have."""


def error_body(status: int, message: str) -> dict:
    return {"ok": False, "error": message, "status": status}


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse(error_body(status, message), status_code=status)


def _validation_message(err: RequestValidationError) -> str:
    parts = []
    for e in err.errors():
        name = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path"))
        got = f" (got {e['input']!r})" if e.get("type") != "missing" and "input" in e else ""
        parts.append(f"{name}: {e.get('msg', 'invalid')}{got}")
    return "; ".join(parts) or "invalid request"


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(InvalidArgument)
    async def bad_argument(request: Request, err: InvalidArgument):
        return _error(400, str(err))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, err: NotFound):
        return _error(404, str(err))

    @app.exception_handler(BellumError)
    async def bellum_error(request: Request, err: BellumError):
        return _error(500, str(err))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError):
        return _error(400, _validation_message(err))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, err: HTTPException):
        message = err.detail if isinstance(err.detail, str) else json.dumps(err.detail)
        if err.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}; the API is listed at /docs"
        elif err.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}; use GET"
        response = _error(err.status_code, message)
        response.headers.update(getattr(err, "headers", None) or {})  # 405 keeps its Allow header
        return response

    @app.exception_handler(Exception)
    async def unexpected(request: Request, err: Exception):
        return _error(500, f"internal error ({type(err).__name__}); please report it with the URL")


def allowed_hosts(host: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """Host header values the server answers: the loopback names, the host it
    listens on and `extra`. A server on a wildcard address also answers its
    machine's name and IP literals (an IP literal is no DNS-rebinding vector)."""
    names = {h.lower() for h in (*LOOPBACK_HOSTS, host, *extra)}
    if host in WILDCARD_HOSTS:
        names.add(socket.gethostname().lower())
    return frozenset(names)


def _host_name(value: str) -> str:
    """`[::1]:8000` -> `::1`, `Example.org.:80` -> `example.org`."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    if value.count(":") == 1:
        value = value.split(":")[0]
    return value.rstrip(".")


def _is_ip(name: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


class Guard:
    """ASGI middleware: refuses a Host header that is not allowed (DNS
    rebinding) with the API's error shape, and sets the security headers
    on every response."""

    def __init__(self, app, hosts: frozenset[str]):
        self.app, self.hosts = app, hosts

    def allowed(self, scope) -> tuple[bool, str]:
        raw = dict(scope.get("headers") or ()).get(b"host")
        if raw is None:  # HTTP/1.0 without Host: no browser sends that
            return True, ""
        name = _host_name(raw.decode("latin-1"))
        wildcard = any(h in self.hosts for h in WILDCARD_HOSTS)
        return (name in self.hosts or (wildcard and _is_ip(name))), name

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_secure(message):
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k.encode(), v.encode()) for k, v in SECURITY_HEADERS if k.encode() not in have]
            await send(message)

        ok, name = self.allowed(scope)
        if not ok:
            listed = ", ".join(sorted(h for h in self.hosts if h not in WILDCARD_HOSTS))
            response = _error(400, f"Host {name!r} is not served here (DNS rebinding guard); "
                                   f"use one of {listed}, or start the server with --allow-host {name}")
            return await response(scope, receive, send_secure)
        await self.app(scope, receive, send_secure)


def query_dependency():
    """A FastAPI dependency whose query parameters are the FILTERS; returns the ones given."""

    def dependency(**values: Any) -> dict[str, Any]:
        return {k: v for k, v in values.items() if v is not None and v != ""}

    dependency.__signature__ = inspect.Signature([
        inspect.Parameter(
            f.name, inspect.Parameter.KEYWORD_ONLY,
            # bounds and choices go into the OpenAPI schema too; where() checks them
            default=Query(None, description=f"{f.help} ({OPERATORS[f.op][1]})",
                          ge=f.bounds[0], le=f.bounds[1]),
            annotation=f.type | None,
        )
        for f in FILTERS
    ])
    return dependency


def _date_param(name: str, value: str | None) -> date | None:
    return parse_date(name, value) if value is not None else None


def _strict_query(request: Request) -> None:
    """Every API route's query string: no unknown parameter, none given twice
    (bellum.filters.check_names). The pages (/, /docs) read theirs in the browser."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is not None and request.url.path.startswith("/api/"):
        check_names([k for k, _ in request.query_params.multi_items()], _query_names(dependant))


def _query_names(dependant) -> list[str]:
    """The query parameters a route declares, its dependencies' included."""
    names = [p.alias for p in dependant.query_params]
    for sub in dependant.dependencies:
        names += [n for n in _query_names(sub) if n not in names]
    return names


def create_app(db_path: str, hosts: frozenset[str] | None = None) -> FastAPI:
    """The API and dashboard over the knowledge base at `db_path`, opened read-only.

    `hosts`: the Host header values answered (default: the loopback names).
    Raises KnowledgeBaseInvalid when the file is missing or not a bellum knowledge base.
    """
    con = queries.connect(db_path)
    app = FastAPI(
        title="bellum",
        version=bellum.__version__,
        description=(
            "Source-linked conflict data: ACLED-style events with the passages they come from, "
            "who held each place when, and relations between armed groups. Read-only. "
            "Every error is `{\"ok\": false, \"error\": \"...\", \"status\": N}`."
        ),
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(_strict_query)],
    )
    app.add_middleware(Guard, hosts=hosts or allowed_hosts("127.0.0.1"))
    app.state.con = con
    app.state.db_path = db_path
    _install_error_handlers(app)
    app.mount("/static/boundaries", StaticFiles(directory=BOUNDARIES_DIR), name="boundaries")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    def db() -> Iterator[Any]:
        cur = con.cursor()  # one cursor per request: DuckDB connections are not shared across threads
        try:
            yield cur
        finally:
            cur.close()

    filters = query_dependency()

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def dashboard():
        return FileResponse(STATIC_DIR / "index.html", headers={"Content-Security-Policy": PAGE_CSP})

    @app.api_route("/docs", methods=["GET", "HEAD"], include_in_schema=False)
    def docs() -> FileResponse:
        # Swagger UI with its start-up script in static/docs.js: no inline script, so the
        # page runs under the same CSP as the dashboard (and calls no validator on the web)
        return FileResponse(STATIC_DIR / "docs.html", headers={"Content-Security-Policy": PAGE_CSP})

    @app.get("/api/info", tags=["meta"], summary="Size and date extent of the knowledge base")
    def info(cur=Depends(db)):
        return {"ok": True, **queries.info(cur)}

    @app.get("/api/filters", tags=["meta"], summary="The event filters (name, type, matching, help)")
    def filter_table():
        return {"ok": True, "filters": [
            {"name": f.name, "type": f.type.__name__, "matches": OPERATORS[f.op][1], "help": f.help}
            for f in FILTERS]}

    @app.get("/api/events", tags=["events"], summary="Events, filtered like ACLED's API",
             responses={200: {"content": {"text/csv": {}}}})
    def list_events(
        f: dict = Depends(filters),
        limit: int = Query(100, ge=1, le=MAX_LIMIT, description="Events per page."),
        offset: int = Query(0, ge=0, le=MAX_OFFSET, description="Events to skip (pagination)."),
        format: Literal["json", "csv"] = Query("json", description="`json` or `csv`."),
        cur=Depends(db),
    ):
        if format == "csv":
            total, frame = queries.events_acled(cur, f, limit, offset)
            return Response(
                frame.to_csv(index=False), media_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": 'attachment; filename="bellum-events.csv"',
                         "X-Total-Count": str(total)},
            )
        total, rows = queries.events(cur, f, limit, offset)
        return JSONResponse({"ok": True, "total": total, "limit": limit, "offset": offset,
                             "filters": f, "events": rows})

    @app.get("/api/events/{event_id}", tags=["events"],
             summary="One event with its source passages (document, offsets, text)")
    def one_event(event_id: str = PathParam(..., description="Event id, e.g. `mw-0042`."), cur=Depends(db)):
        ev = queries.event(cur, event_id)
        if ev is None:
            raise NotFound(f"no event with id {event_id!r}; list events with /api/events")
        return {"ok": True, "event": ev}

    @app.get("/api/stats", tags=["events"],
             summary="Events and fatalities per month by event type (same filters as /api/events)")
    def event_stats(f: dict = Depends(filters), cur=Depends(db)):
        return {"ok": True, "filters": f, **queries.stats(cur, f)}

    @app.get("/api/actors", tags=["actors"], summary="All actors with aliases and event counts")
    def list_actors(cur=Depends(db)):
        return {"ok": True, "actors": queries.actors(cur)}

    @app.get("/api/actors/{name:path}", tags=["actors"],
             summary="One actor by name or alias: events, relations, places held, leaders")
    def one_actor(name: str = PathParam(..., description="Actor name or alias, e.g. `JNIM`."),
                  cur=Depends(db)):
        rec = queries.actor(cur, name)
        if rec is None:
            close = queries.actor_suggestions(cur, name)
            hint = f"did you mean {', '.join(close)}? " if close else ""
            raise NotFound(f"no actor named {name!r}; {hint}see /api/actors for the list")
        return {"ok": True, "actor": rec}

    @app.get("/api/control", tags=["control"], summary="Who held a place, from when to when")
    def control(
        place: str | None = Query(None, description="Place name (ignoring case and accents); all places if absent."),
        at: str | None = Query(None, description="Only the holder(s) at this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
        cur=Depends(db),
    ):
        when = _date_param("at", at)
        if place and not queries.control(cur, place=place):
            known = queries.known_places(cur)
            listed = ", ".join(known[:12]) + (" ..." if len(known) > 12 else "")
            raise NotFound(f"no control record for place {place!r}; known places: {listed or 'none'}")
        return {"ok": True, "place": place, "at": when and when.isoformat(),
                "control": queries.control(cur, place=place, at=when)}

    @app.get("/api/state", tags=["control"], summary="Every place's holder(s) at a date")
    def state(date: str = Query(..., description="The date (YYYY, YYYY-MM or YYYY-MM-DD)."), cur=Depends(db)):
        return {"ok": True, **queries.state(cur, _date_param("date", date))}

    @app.get("/api/graph", tags=["actors"],
             summary="Relations between organisations (alliance, membership, hostility...) in force at a date")
    def graph(at: str | None = Query(None, description="The date; all relations if absent."), cur=Depends(db)):
        return {"ok": True, **queries.graph(cur, _date_param("at", at))}

    @app.get("/api/documents/{doc_id:path}", tags=["documents"], summary="A document's text and sections")
    def document(doc_id: str = PathParam(..., description="Document id."), cur=Depends(db)):
        doc = queries.document(cur, doc_id)
        if doc is None:
            ids = queries.document_ids(cur)
            listed = ", ".join(ids[:12]) + (" ..." if len(ids) > 12 else "")
            raise NotFound(f"no document {doc_id!r}; documents: {listed or 'none'}")
        return {"ok": True, "document": doc}

    _document_errors(app)
    return app


ERROR_SCHEMA = {
    "type": "object", "required": ["ok", "error", "status"], "additionalProperties": False,
    "properties": {"ok": {"type": "boolean", "enum": [False]}, "error": {"type": "string"},
                   "status": {"type": "integer"}},
}


def _document_errors(app: FastAPI) -> None:
    """The OpenAPI schema states the errors the API really gives: 400 (bad or
    unknown parameter; FastAPI's 422 never happens) and 404 where a path
    names something, each in the one error shape."""
    plain = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            spec = plain()
            spec.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
            error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            for path, ops in spec["paths"].items():
                for op in ops.values():
                    op["responses"].pop("422", None)
                    op["responses"]["400"] = {"description": "A parameter is malformed, unknown or repeated; "
                                                             "or the Host is not served", **error}
                    if "{" in path or path == "/api/control":
                        op["responses"]["404"] = {"description": "No such item in the knowledge base", **error}
            for name in ("HTTPValidationError", "ValidationError"):
                spec["components"]["schemas"].pop(name, None)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to (host, port), or PortInUse / InvalidArgument saying why not."""
    try:
        family, _, _, _, addr = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                   flags=socket.AI_PASSIVE)[0]
    except (socket.gaierror, UnicodeError, OverflowError) as e:
        raise InvalidArgument(f"--host {host!r}: not an address to listen on ({e})") from None
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(addr)
    except OSError as e:
        sock.close()
        if e.errno == errno.EADDRINUSE:
            raise PortInUse(f"port {port} is in use on {host}; stop what uses it or choose another --port") from None
        raise InvalidArgument(f"cannot listen on {host}:{port} ({e.strerror or e})") from None
    return sock


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000, ready=None,
          allow_hosts: tuple[str, ...] = ()) -> None:
    """Serve the API and dashboard until interrupted (blocking). The port is
    bound before anything is announced: `ready()` is called once it is.
    Requests must name a loopback host, `host` or one of `allow_hosts`."""
    import uvicorn

    app = create_app(db_path, hosts=allowed_hosts(host, tuple(allow_hosts)))
    sock = listen(host, port)
    if ready:
        ready()
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="info"))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
