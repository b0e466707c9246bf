"""`bellum doctor`: what works, what does not, and how to fix it.

Each check imports what it needs inside itself, so a broken install gives a
report instead of a traceback; nothing is downloaded."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    blocks: str = ""  # what does not work while this fails
    fix: str = ""


def _model() -> Check:
    try:
        from bellum.nlp.pipeline import MODEL, load_nlp

        nlp = load_nlp()
        return Check("spaCy model", True, f"{MODEL} {nlp.meta.get('version', '')}: {', '.join(nlp.pipe_names)}")
    except Exception as e:  # noqa: BLE001 - a report, not a crash
        return Check("spaCy model", False, str(e).splitlines()[0], "build", "make install")


def _knowledge() -> list[Check]:
    out = []
    loaders = [
        ("countries", "bellum.countries", "countries"),
        ("actor lexicon", "bellum.nlp.actors", "ActorLexicon.load"),
        ("gazetteer", "bellum.geo", "Gazetteer.default"),
        ("extraction resources", "bellum.extract", "Resources.load"),
        ("casualty words", "bellum.nlp.quantities", "load_lexicon"),
    ]
    for name, module, attr in loaders:
        try:
            import importlib

            obj = importlib.import_module(module)
            for part in attr.split("."):
                obj = getattr(obj, part)
            loaded = obj()
            size = f"{len(loaded)} entries" if hasattr(loaded, "__len__") else "and parsed"
            out.append(Check(name, True, f"loaded {size}"))
        except Exception as e:  # noqa: BLE001
            out.append(Check(name, False, str(e).splitlines()[0] if str(e) else type(e).__name__,
                             "build", "reinstall bellum (make install); a data file is missing or malformed"))
    return out


def _db(db: Path) -> Check:
    try:
        from bellum.kb import KnowledgeBase

        with KnowledgeBase(db) as kb:
            n = kb.count()
            docs = len(kb.documents())
        return Check("knowledge base", True, f"{db}: {docs} document(s), {n} event(s)")
    except Exception as e:  # noqa: BLE001
        return Check("knowledge base", False, str(e), "events, export, serve", f"bellum build PATH --db {db}")


def _chromium() -> Check:
    import shutil

    path = shutil.which("chromium")
    if path:
        return Check("chromium", True, path)
    return Check("chromium", False, "not installed", "dashboard browser tests", "apt-get install chromium")


def run(db: Path | None = None) -> list[Check]:
    checks = [_model(), *_knowledge()]
    if db is not None:
        checks.append(_db(db))
    checks.append(_chromium())
    return checks
