"""The use cases of the workbench, over the store: each a small module with a typed
interface — `ingest` (load → extract → persist → regroup, and the same without a store),
`reviewing` (verdicts, notes, evidence, undo/redo), `speakers` (one `speaker_of`; merge,
split, reset), `groups` (who a group is pinned on, conflicts), `team` (leads, finals,
agreement ratings), `exchange` (export, import, the one safe writer). `Workbench` holds
them all for one store and one reviewer."""

from .ingest import IngestReport
from .reviewing import Change
from .team import NotLead
from .workbench import Workbench

__all__ = ["Change", "IngestReport", "NotLead", "Workbench"]
