"""Zip and tar containers, read in memory under limits; nothing is ever extracted to disk."""

from __future__ import annotations

import io
import posixpath
import tarfile
import zipfile
from dataclasses import dataclass

from ..posts import InputError

JUNK = ("__macosx/", ".ds_store", "thumbs.db")


@dataclass(frozen=True)
class Limits:
    """How much one upload may hold. Each limit, when passed, gives a one-line error for that file."""

    max_file_bytes: int = 200 * 1024 * 1024  # an upload or input file
    max_members: int = 20_000  # entries in one archive
    max_expanded_bytes: int = 1024 * 1024 * 1024  # all members read from one archive, once expanded
    max_member_bytes: int = 256 * 1024 * 1024  # one member, once expanded


class Archive:
    """The member files of a zip or tar, by path, each read only when asked for."""

    def __init__(self, source: str, data: bytes, limits: Limits) -> None:
        self.source, self.limits = source, limits
        self._expanded = 0
        if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
            self._open_zip(data)
        else:
            self._open_tar(data)
        unsafe = [n for n in self._sizes if n.startswith("/") or ".." in n.split("/")]
        if unsafe:
            raise InputError(source, f"an archive with unsafe member names ({unsafe[0][:80]})")
        self.names = [n for n in self._sizes if not any(j in n.lower() for j in JUNK) and not n.endswith("/")]

    def _open_zip(self, data: bytes) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
            raise InputError(self.source, f"a damaged or truncated zip ({exc})") from None
        self._check_count(len(infos))
        self._sizes = {i.filename.replace("\\", "/"): i.file_size for i in infos if not i.is_dir()}
        self._zip_names = {i.filename.replace("\\", "/"): i for i in infos if not i.is_dir()}
        self._check_total(sum(self._sizes.values()))
        self._tar = None

    def _open_tar(self, data: bytes) -> None:
        try:
            self._tar = tarfile.open(fileobj=io.BytesIO(data), mode="r:*")
            members = self._tar.getmembers()
        except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
            raise InputError(self.source, f"a damaged or truncated tar archive ({exc})") from None
        self._check_count(len(members))
        # Links and devices are never followed: only regular files are members here.
        self._tar_members = {m.name.lstrip("./") if m.name.startswith("./") else m.name: m
                             for m in members if m.isfile()}
        self._sizes = {n: m.size for n, m in self._tar_members.items()}
        self._check_total(sum(self._sizes.values()))
        self._zip = None

    def _check_count(self, n: int) -> None:
        if n > self.limits.max_members:
            raise InputError(self.source, f"an archive with {n} members (at most {self.limits.max_members})")

    def _check_total(self, n: int) -> None:
        if n > self.limits.max_expanded_bytes:
            raise InputError(self.source, f"an archive that expands to {n // 2**20} MiB "
                                          f"(at most {self.limits.max_expanded_bytes // 2**20} MiB)")

    def find(self, *basenames: str, prefix: str = "", suffix: str = "") -> list[str]:
        """Members whose file name (any folder) is one of `basenames`, or starts/ends as given; case-insensitive."""
        wanted = {b.lower() for b in basenames}
        hits = []
        for name in self.names:
            base = posixpath.basename(name).lower()
            if base in wanted or (prefix and base.startswith(prefix) and base.endswith(suffix)):
                hits.append(name)
        return sorted(hits)

    def read(self, name: str) -> bytes:
        """One member's bytes; a member larger than it claims, or than the limits, is refused mid-read."""
        cap = min(self.limits.max_member_bytes, self.limits.max_expanded_bytes - self._expanded)
        try:
            if self._zip is not None:
                stream = self._zip.open(self._zip_names[name])
            else:
                stream = self._tar.extractfile(self._tar_members[name])
            with stream:
                data = stream.read(cap + 1)
        except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, ValueError, RuntimeError) as exc:
            raise InputError(self.source, f"a damaged archive member {name} ({exc})") from None
        if len(data) > cap:
            raise InputError(self.source, f"an archive member {name} that expands past the limit "
                                          f"({self.limits.max_member_bytes // 2**20} MiB per member, "
                                          f"{self.limits.max_expanded_bytes // 2**20} MiB in all)")
        self._expanded += len(data)
        return data


def is_archive(data: bytes) -> bool:
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return True
    if data[:2] == b"\x1f\x8b" or data[:3] == b"BZh" or data[:6] == b"\xfd7zXZ\x00":
        return True
    return len(data) >= 262 and data[257:262] == b"ustar"
