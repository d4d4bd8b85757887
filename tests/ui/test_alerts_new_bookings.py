"""Alerts: a new booking rings (notification + sound) and counts in the tray; a burst makes one summary;
a booking turning red alerts once more, once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QSystemTrayIcon, QWidget
from sqlalchemy import Engine, func, insert, select, update

from csr_console.api import Environment, ServiceTitanClient
from csr_console.domain.enums import BookingStatus
from csr_console.store.database import open_cache
from csr_console.store.schema import booking
from csr_console.sync.service import SyncService
from csr_console.ui.alerts import Alerts
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.settings import Settings
from tests.conftest import credentials


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def bridge(synced_cache: Path, sandbox: Any) -> Iterator[SyncBridge]:
    db = open_cache(synced_cache)
    # Other tests of the session create New bookings on the shared sandbox minutes before this one:
    # they would turn red while these tests move the clock. Make every cached booking hours old.
    with db.begin() as connection:
        for row in connection.execute(select(booking.c.id, booking.c.created_on)).all():
            connection.execute(
                update(booking)
                .where(booking.c.id == row.id)
                .values(created_on=row.created_on - timedelta(hours=6))
            )
    client = ServiceTitanClient(credentials(sandbox), Environment.custom(sandbox.base_url, sandbox.token_url))
    yield SyncBridge(SyncService(client, db), db, actor="csr:test")
    db.dispose()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "console.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def alerts(
    bridge: SyncBridge, settings: Settings, clock: Clock, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Alerts]:
    # The offscreen platform has no system tray; pretend it has one so the icon's path is exercised.
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    window = QWidget()
    qtbot.addWidget(window)
    alerts = Alerts(bridge, settings, window, clock=clock, parent=window)
    yield alerts
    alerts.shutdown()


def arrive(db: Engine, created_on: datetime, *, name: str = "Dana Arrival") -> int:
    """A New booking stored as the bookings feed would store it (a copy of a seeded one)."""
    with db.begin() as connection:
        template = dict(connection.execute(select(booking).limit(1)).mappings().one())
        new_id = connection.execute(select(func.max(booking.c.id))).scalar_one() + 1
        template.update(
            id=new_id,
            name=name,
            status=BookingStatus.NEW.value,
            created_on=created_on,
            job_id=None,
            active=True,
        )
        connection.execute(insert(booking).values(**template))
    return int(new_id)


def publish(bridge: SyncBridge, ids: list[int]) -> None:
    bridge.service.changes.publish("booking", ids)


def test_a_new_booking_rings_and_counts_in_the_tray(
    alerts: Alerts, bridge: SyncBridge, clock: Clock, qtbot: Any
) -> None:
    assert alerts.tray is not None
    before = alerts.new_count
    assert f"{before} new booking" in alerts.tray.toolTip()
    booking_id = arrive(bridge.db, clock.now, name="<b>Dana</b> & Co")
    with (
        mock.patch.object(alerts, "notify") as notify,
        mock.patch.object(alerts, "play_sound") as sound,
        qtbot.waitSignal(alerts.alerted) as alerted,
    ):
        publish(bridge, [booking_id])
        # Counted as soon as it is read; announced when the burst is over.
        qtbot.waitUntil(lambda: alerts.new_count == before + 1, timeout=5000)
        assert not alerted.signal_triggered
    assert alerted.args[0] == "New booking"
    notify.assert_called_once()
    sound.assert_called_once()
    title, text = notify.call_args.args
    assert title == "New booking" and "Dana" in text and "<" not in text and "&" not in text
    assert f"{before + 1} new bookings" in alerts.tray.toolTip()

    # An update of a booking already known, or of a booking not New, rings nothing.
    with mock.patch.object(alerts, "raise_alert") as raised:
        publish(bridge, [booking_id])
        qtbot.wait(1200)
    raised.assert_not_called()


def test_a_burst_of_arrivals_makes_one_summary(
    alerts: Alerts, bridge: SyncBridge, clock: Clock, qtbot: Any
) -> None:
    ids = [arrive(bridge.db, clock.now, name=f"Flood {n}") for n in range(30)]
    with mock.patch.object(alerts, "notify") as notify, mock.patch.object(alerts, "play_sound") as sound:
        with qtbot.waitSignal(alerts.alerted) as alerted:
            for page in (ids[:10], ids[10:20], ids[20:]):  # pages of a first sync, close together
                publish(bridge, page)
        qtbot.wait(1200)
    assert alerted.args[0] == "30 new bookings"
    assert notify.call_count == 1 and sound.call_count == 1


def test_focus_and_toggles_are_respected(
    alerts: Alerts, settings: Settings, bridge: SyncBridge, clock: Clock, qtbot: Any
) -> None:
    settings.alert_sound = False
    with mock.patch.object(alerts, "notify") as notify, mock.patch.object(alerts, "play_sound") as sound:
        with qtbot.waitSignal(alerts.alerted):
            publish(bridge, [arrive(bridge.db, clock.now)])
        assert notify.call_count == 1 and sound.call_count == 0
        settings.alert_when_focused = False
        with (
            mock.patch.object(alerts.window, "isActiveWindow", return_value=True),
            qtbot.waitSignal(alerts.alerted),  # still said (the status bar), but not rung
        ):
            publish(bridge, [arrive(bridge.db, clock.now)])
        assert notify.call_count == 1 and sound.call_count == 0


def test_a_booking_turning_red_alerts_once(
    alerts: Alerts, settings: Settings, bridge: SyncBridge, clock: Clock, qtbot: Any
) -> None:
    with qtbot.waitSignal(alerts.alerted):
        publish(bridge, [arrive(bridge.db, clock.now, name="Red Riley")])
    with mock.patch.object(alerts, "notify") as notify, mock.patch.object(alerts, "play_sound") as sound:
        clock.now += timedelta(seconds=settings.age_red_s - 1)
        alerts.check_red()
        notify.assert_not_called()
        clock.now += timedelta(seconds=2)
        alerts.check_red()
        alerts.check_red()
        clock.now += timedelta(hours=1)
        alerts.check_red()
    notify.assert_called_once()
    title, text = notify.call_args.args
    assert title == "Booking waiting too long" and "Red Riley" in text
    assert sound.call_count == 1


def test_bookings_already_red_when_known_do_not_ring_again(
    alerts: Alerts, bridge: SyncBridge, clock: Clock, qtbot: Any
) -> None:
    # The seeded cache's New bookings are hours old: red already when the console starts.
    assert alerts.new_count > 0
    with mock.patch.object(alerts, "raise_alert") as raised:
        alerts.check_red()
    raised.assert_not_called()
    # A booking that arrives already red (a night offline) is announced as an arrival only.
    old = arrive(bridge.db, clock.now - timedelta(hours=3), name="Late Lou")
    with qtbot.waitSignal(alerts.alerted) as alerted:
        publish(bridge, [old])
    assert alerted.args[0] == "New booking"
    with mock.patch.object(alerts, "raise_alert") as raised:
        alerts.check_red()
    raised.assert_not_called()


def test_a_booking_leaving_new_leaves_the_count(
    alerts: Alerts, bridge: SyncBridge, clock: Clock, qtbot: Any
) -> None:
    booking_id = arrive(bridge.db, clock.now)
    publish(bridge, [booking_id])
    qtbot.waitUntil(lambda: not alerts.busy, timeout=5000)
    count = alerts.new_count
    with bridge.db.begin() as connection:
        connection.execute(
            booking.update().where(booking.c.id == booking_id).values(status=BookingStatus.DISMISSED.value)
        )
    with qtbot.waitSignal(alerts.newCountChanged) as changed:
        publish(bridge, [booking_id])
    assert changed.args == [count - 1]
    with mock.patch.object(alerts, "raise_alert") as raised:  # dismissed before it was announced
        qtbot.wait(1200)
    raised.assert_not_called()
