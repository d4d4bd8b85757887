"""The daily alert of lead follow-ups due, with a fake clock: at start, once a day, and not on a day with
nothing due until something falls due."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from csr_console.store import schema
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.leads import LeadDueAlert
from tests.ui.leads_helpers import NOW, change_lead, due
from tests.ui.queue_helpers import bridge_over

ld = schema.lead.c


@pytest.fixture
def bridge(synced_cache: Path) -> Iterator[SyncBridge]:
    with bridge_over(synced_cache) as made:
        yield made


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def watched(bridge: SyncBridge, clock: FakeClock) -> tuple[LeadDueAlert, list[tuple[int, str]]]:
    alert = LeadDueAlert(bridge, clock=clock, tz=UTC)
    said: list[tuple[int, str]] = []
    alert.due.connect(lambda count, text: said.append((count, text)))
    return alert, said


def idle(qtbot: Any, alert: LeadDueAlert) -> None:
    qtbot.waitUntil(lambda: not alert.busy)


def test_at_start_then_once_a_day(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    clock = FakeClock(NOW)
    alert, said = watched(bridge, clock)
    idle(qtbot, alert)
    first = due(bridge)
    count = len(first.overdue) + len(first.today)
    assert said == [
        (count, f"{count} lead follow-ups due: {len(first.overdue)} overdue, {len(first.today)} today")
    ]

    alert.check()  # the same day: nothing more
    idle(qtbot, alert)
    assert len(said) == 1

    clock.now = NOW + timedelta(days=1)  # the next day: the day's alert, with the day's count
    with qtbot.waitSignal(alert.due) as next_day:
        alert.check()
    tomorrow = due(bridge, at=clock.now)
    assert next_day.args[0] == len(tomorrow.overdue) + len(tomorrow.today) >= count
    alert.shutdown()


def test_a_day_with_nothing_due_waits_for_something_due(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    with bridge.reader.connect() as connection:
        earliest = connection.execute(
            select(func.min(ld.follow_up_date)).where(ld.status == "Open", ld.active)
        ).scalar_one()
    clock = FakeClock(earliest - timedelta(days=2))
    alert, said = watched(bridge, clock)
    idle(qtbot, alert)
    assert said == []

    lead_id = next(iter(due(bridge).upcoming)).id
    change_lead(
        bridge, lead_id, follow_up_date=clock.now + timedelta(minutes=5), lead_customer_name="<b>Bo</b>"
    )
    with qtbot.waitSignal(alert.due) as announced:
        alert.check()
    # Markup in a name is defused: notification daemons may read the text as markup.
    assert announced.args == [1, "1 lead follow-up due today: ‹b›Bo‹/b›"]
    alert.shutdown()
