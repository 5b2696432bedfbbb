"""Reproducible builds: the only date a build uses is the newest date in the records."""

from __future__ import annotations

import calendar

from factdesk.kb import KnowledgeBase


def build_epoch(kb: KnowledgeBase) -> int:
    """Seconds since 1970 at the newest publication, update or correction date."""
    dates = [d for c in kb.published for d in (c.published, c.updated) if d is not None]
    dates += [fix.date for c in kb.published for fix in c.corrections]
    if not dates:
        return 0
    return calendar.timegm(max(dates).latest().timetuple())
