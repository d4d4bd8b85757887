"""Thumbnails of the images a customer uploaded with a booking, loaded in the background.

The images live at arbitrary partner URLs, not on the API: they are fetched with a plain httpx client
(no ServiceTitan credentials), at most a few at a time, size-capped, and cached on disk by URL hash as
small PNG thumbnails, so a booking opened again shows them at once and offline. Decoding and scaling
run in a worker thread (QImage, unlike QPixmap, may be used off the GUI thread). A failure is reported
as a signal for a placeholder, never raised: a partner's dead link is not the CSR's problem.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from pathlib import Path

import httpx
import platformdirs
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, Qt, Signal
from PySide6.QtGui import QImage

from csr_console.store.database import APP_NAME
from csr_console.ui.tasks import TaskRegistry

log = logging.getLogger(__name__)

#: The longest side of a thumbnail, in pixels.
THUMBNAIL_SIZE = 160
#: An upload bigger than this is not a photo we want to decode on a CSR's machine.
MAX_BYTES = 15 * 1024 * 1024
#: Downloads at once: a booking has a few images, and the sync engine shares the machine's connection.
PARALLEL = 3
TIMEOUT_S = 20.0


def thumbnail_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "thumbnails"


class ImageUnavailable(Exception):
    """Why an image could not be shown (said in the placeholder's tooltip)."""


class ThumbnailLoader(QObject):
    #: (url, QImage): the thumbnail is ready.
    loaded = Signal(str, QImage)
    #: (url, reason): show a placeholder.
    failed = Signal(str, str)

    def __init__(
        self,
        tasks: TaskRegistry,
        *,
        cache_dir: Path | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        size: int = THUMBNAIL_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._cache_dir = cache_dir or thumbnail_cache_dir()
        self._transport = transport
        self._size = size
        self._client: httpx.AsyncClient | None = None
        self._client_lock = asyncio.Lock()
        self._slots = asyncio.Semaphore(PARALLEL)
        self._in_memory: dict[str, QImage] = {}
        self._loading: set[str] = set()

    def request(self, url: str) -> None:
        """Load `url`'s thumbnail; `loaded` or `failed` follows (at once when it is in memory)."""
        image = self._in_memory.get(url)
        if image is not None:
            self.loaded.emit(url, image)
            return
        if url in self._loading:
            return
        self._loading.add(url)
        self._tasks.spawn(self._load(url), name=f"thumbnail {url}")

    def cache_path(self, url: str) -> Path:
        digest = hashlib.sha256(url.encode()).hexdigest()
        return self._cache_dir / f"{digest}-{self._size}.png"

    async def aclose(self) -> None:
        """Close the HTTP client; call while the event loop still runs (QT-NOTES trap 5)."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def _load(self, url: str) -> None:
        try:
            image = await self._thumbnail(url)
        except ImageUnavailable as error:
            self.failed.emit(url, str(error))
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            log.info("thumbnail %s: %s", url, error)
            self.failed.emit(
                url, self.tr("could not be downloaded ({error})").format(error=type(error).__name__)
            )
        except Exception:
            # Whatever else a partner's URL produces, the CSR sees a placeholder, not an error dialog.
            log.warning("thumbnail %s failed", url, exc_info=True)
            self.failed.emit(url, self.tr("could not be shown"))
        else:
            self._in_memory[url] = image
            self.loaded.emit(url, image)
        finally:
            self._loading.discard(url)

    async def _thumbnail(self, url: str) -> QImage:
        path = self.cache_path(url)
        cached = await asyncio.to_thread(_read_cached, path)
        if cached is not None:
            return cached
        scheme = httpx.URL(url).scheme if url else ""
        if scheme not in ("http", "https"):
            raise ImageUnavailable(self.tr("not a web address"))
        async with self._slots:
            data = await self._download(url)
        return await asyncio.to_thread(_decode_and_store, data, self._size, path)

    async def _download(self, url: str) -> bytes:
        client = await self._http()
        async with client.stream("GET", url) as response:
            if response.status_code != 200:
                raise ImageUnavailable(
                    self.tr("the partner's server answered {status}").format(status=response.status_code)
                )
            chunks: list[bytes] = []
            total = 0
            async for chunk in response.aiter_bytes():
                total += len(chunk)
                if total > MAX_BYTES:
                    raise ImageUnavailable(self.tr("too large to show"))
                chunks.append(chunk)
        return b"".join(chunks)

    async def _http(self) -> httpx.AsyncClient:
        # Built in a worker thread: setting up TLS stalls the loop for a few hundred ms (QT-NOTES trap 4).
        async with self._client_lock:
            if self._client is None:
                self._client = await asyncio.to_thread(
                    httpx.AsyncClient, transport=self._transport, timeout=TIMEOUT_S, follow_redirects=True
                )
            return self._client


def _read_cached(path: Path) -> QImage | None:
    if not path.is_file():
        return None
    image = QImage(str(path))
    return None if image.isNull() else image


def _decode_and_store(data: bytes, size: int, path: Path) -> QImage:
    image = QImage.fromData(data)
    if image.isNull():
        raise ImageUnavailable(QCoreApplication.translate("ThumbnailLoader", "not an image"))
    thumbnail = image.scaled(
        size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        encoded = QByteArray()
        buffer = QBuffer(encoded)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        thumbnail.save(buffer, "PNG")
        partial = path.with_suffix(".part")
        partial.write_bytes(bytes(encoded.data()))
        partial.replace(path)  # a reader never sees half a file
    except OSError as error:  # a full or read-only cache only costs a download next time
        log.warning("thumbnail cache %s: %s", path, error)
    return thumbnail
