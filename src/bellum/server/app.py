"""The HTTP API and the dashboard, over one knowledge base opened read-only.

`create_app(db_path)` builds the FastAPI app; `serve(db_path, host, port)`
runs it with uvicorn (the `bellum serve` command calls it). Every error,
whatever raised it, leaves as one JSON shape: {"ok": false, "error", "status"}.
Nothing is fetched from the network: the dashboard's scripts, the basemap and
the Swagger UI of /docs are files of this package.
"""

from __future__ import annotations

import inspect
import json
from datetime import date
from pathlib import Path
from typing import Any, Iterator, Literal

from fastapi import Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

import bellum
from bellum.errors import BellumError, InvalidArgument
from bellum.server import queries
from bellum.filters import FILTERS, OPERATORS, parse_date

STATIC_DIR = Path(__file__).parent / "static"
# the basemap: Natural Earth countries, shipped once for the whole package in knowledge/
BOUNDARIES_DIR = Path(__file__).parent.parent / "knowledge" / "boundaries"
SWAGGER = "/static/vendor/swagger-ui-dist-5.35.0"
MAX_LIMIT = 100_000
# the dashboard page loads nothing from anywhere but this server
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'"
)


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
        return _error(err.status_code, message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, err: Exception):
        return _error(500, f"internal error ({type(err).__name__}); please report it with the URL")


def query_dependency():
    """A FastAPI dependency whose query parameters are the FILTERS; returns the ones given."""

    def dependency(**values: Any) -> dict[str, Any]:
        return {k: v for k, v in values.items() if v is not None and v != ""}

    dependency.__signature__ = inspect.Signature([
        inspect.Parameter(
            f.name, inspect.Parameter.KEYWORD_ONLY,
            default=Query(None, description=f"{f.help} ({OPERATORS[f.op][1]})"),
            annotation=f.type | None,
        )
        for f in FILTERS
    ])
    return dependency


def _date_param(name: str, value: str | None) -> date | None:
    return parse_date(name, value) if value not in (None, "") else None


def create_app(db_path: str) -> FastAPI:
    """The API and dashboard over the knowledge base at `db_path`, opened read-only.

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
    )
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

    @app.get("/", include_in_schema=False)
    def dashboard():
        return FileResponse(STATIC_DIR / "index.html", headers={"Content-Security-Policy": PAGE_CSP})

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url,
            title="bellum API",
            swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js",
            swagger_css_url=f"{SWAGGER}/swagger-ui.css",
            swagger_favicon_url=f"{SWAGGER}/favicon-32x32.png",
            swagger_ui_parameters={"validatorUrl": None},  # no call to swagger.io
        )

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
        offset: int = Query(0, ge=0, description="Events to skip (pagination)."),
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

    return app


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the API and dashboard until interrupted (blocking)."""
    import uvicorn

    uvicorn.run(create_app(db_path), host=host, port=port, log_level="info")
