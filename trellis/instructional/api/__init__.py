"""Instructional coaching in the API: Impact Cycles (list, start, read, write, stage, student
checks), visits (add, read), an observation's notes (PUT by the note's own id: sending it again
updates it), ratings and tallies, the PEERS check, and rubrics (list, import). A cycle's content
is null for whoever may see only that it runs (a sponsor, an admin).

Split by topic (schemas, common, cycles, visits, peers, rubrics); this module re-exports the
router that trellis/api/api.py mounts."""

# Route order matters: the modules are imported in the order their paths must be tried.
# isort: off
from trellis.instructional.api import cycles, visits, peers, rubrics  # noqa: F401

# isort: on
from trellis.instructional.api.common import router

__all__ = ["router"]
