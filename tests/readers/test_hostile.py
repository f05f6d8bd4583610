"""Hostile and broken input: one clear line naming the file and the problem, nothing else read wrongly."""

import io
import json
import tarfile
import zipfile

import pytest

from pipeline.posts import InputError
from pipeline.readers import Limits, read, read_many
from pipeline.run import tag_files
from tests.conftest import EXPORTS


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def problem(data: bytes, name: str, **kw) -> str:
    with pytest.raises(InputError) as info:
        read(data, name=name, **kw)
    message = str(info.value)
    assert message.startswith(f"{name}: ") and "\n" not in message and "Traceback" not in message
    return message


def test_empty_file():
    assert "an empty file" in problem(b"", "empty.csv")
    assert "an empty file" in problem(b"  \n\n", "blank.json")


def test_truncated_zip():
    data = (EXPORTS / "mastodon").glob("*.zip").__next__().read_bytes()
    assert "damaged or truncated zip" in problem(data[: len(data) // 2], "archive.zip")


def test_zip_bomb_is_refused_before_it_is_expanded():
    bomb = zip_bytes({"outbox.json": b"0" * (5 * 2**20)})
    assert len(bomb) < 20_000
    message = problem(bomb, "bomb.zip", limits=Limits(max_expanded_bytes=2**20))
    assert "expands to 5 MiB" in message


def test_member_larger_than_the_per_member_limit():
    data = zip_bytes({"data/tweets.js": b"window.YTD.tweets.part0 = [" + b" " * (3 * 2**20) + b"]"})
    assert "expands past the limit" in problem(data, "x.zip", limits=Limits(max_member_bytes=2**20))


def test_path_traversal_member_names():
    data = zip_bytes({"../../x": b"hello", "outbox.json": b"{}"})
    assert "unsafe member names (../../x)" in problem(data, "evil.zip")


def test_tar_links_are_never_followed(tmp_path):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as t:
        link = tarfile.TarInfo("outbox.json")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        t.addfile(link)
        hard = tarfile.TarInfo("actor.json")
        hard.type, hard.linkname = tarfile.LNKTYPE, "outbox.json"
        t.addfile(hard)
    assert "no posts in it" in problem(buf.getvalue(), "links.tar.gz")


def test_extension_that_lies():
    posts = json.dumps([{"text": "GPT-5.2 blew me away"}]).encode()
    assert [p.text for p in read(posts, name="really-json.csv").posts] == ["GPT-5.2 blew me away"]
    html_export = b"<!DOCTYPE html><html><body><div>posts</div></body></html>"
    assert "HTML page" in problem(html_export, "posts.json")


def test_binary_file():
    assert "binary" in problem(bytes(range(256)) * 40, "photo.csv")


def test_invalid_utf8_in_the_middle():
    data = "text\ncafé au lait\n".encode() + b"\xff\xfe broken\n" + "more é\n".encode()
    assert "not valid UTF-8 at byte" in problem(data, "posts.csv")


def test_cp1252_is_read_when_nothing_says_utf8():
    data = "text\n\u201cquoted\u201d caf\u00e9\n".encode("cp1252")
    assert read(data, name="old.csv").posts[0].text == "\u201cquoted\u201d caf\u00e9"


def test_unbalanced_quote():
    assert "malformed CSV" in problem(b'text,author\n"never closed,me\nnext,row\n', "bad.csv")


def test_ten_thousand_columns():
    header = ",".join(f"c{i}" for i in range(10_000)).encode()
    assert "10000 columns" in problem(header + b"\n" + b"x," * 9999 + b"x\n", "wide.csv")


def test_fifty_megabyte_field():
    data = b'text\n"' + b"a" * (50 * 2**20) + b'"\n'
    assert "malformed CSV" in problem(data, "huge.csv")


def test_deeply_nested_json():
    assert "nested" in problem(b"[" * 100_000 + b"]" * 100_000, "deep.json")
    assert "nested" in problem(b'{"a":' * 200 + b"1" + b"}" * 200, "deep2.json")


def test_car_with_missing_root_and_bad_block():
    car = (EXPORTS / "bluesky" / "repo.car").read_bytes()
    assert "CAR" in problem(car[:-40], "cut.car")
    import libipld

    header, blocks = libipld.decode_car(car)
    # a CAR whose header names a root that is not among its blocks
    fake_root = b"\x01q\x12 " + b"\x00" * 32
    head = libipld.encode_dag_cbor({"version": 1, "roots": [fake_root]})
    body = car[len(_varint(len(libipld.encode_dag_cbor(header)))) + len(libipld.encode_dag_cbor(header)):]
    assert "root" in problem(_varint(len(head)) + head + body, "rootless.car")


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def test_tweets_js_with_wrapper_but_broken_json():
    assert "not valid JSON at line 2" in problem(b'window.YTD.tweets.part0 = [\n { "tweet" : { ', "tweets.js")


def test_file_over_the_upload_limit(tmp_path):
    big = tmp_path / "big.csv"
    big.write_bytes(b"text\n" + b"x" * 4096)
    with pytest.raises(InputError, match=r"big.csv: 0.0 MiB is over the 0.001\d* MiB limit per file"):
        read(big, limits=Limits(max_file_bytes=1100))


def test_other_files_still_go_through():
    results = read_many([(b"", "empty.csv"), EXPORTS / "reddit" / "posts.csv", (b"\x00\x01", "bin.json")])
    assert [bool(r.error) for r in results] == [True, False, True]
    assert len(results[1].posts) == 5


def test_archive_members_are_never_extracted_to_disk(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("an archive member was written to disk")

    monkeypatch.setattr(zipfile.ZipFile, "extract", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "extractall", refuse)
    monkeypatch.setattr(tarfile.TarFile, "extract", refuse)
    monkeypatch.setattr(tarfile.TarFile, "extractall", refuse)
    for archive in list(EXPORTS.rglob("*.zip")) + list(EXPORTS.rglob("*.tar.gz")):
        try:
            read(archive)
        except InputError:
            pass


def test_nothing_lost_on_every_sample_export():
    expected = json.loads((EXPORTS / "EXPECTED.json").read_text(encoding="utf-8"))
    files = [EXPORTS / rel for rel in sorted(expected)]
    run = tag_files(files, classifier=None)
    readable = [f.result for f in run.files if not f.result.error]
    records = sum(r.records_seen for r in readable)
    assert records == len(run.table) + sum(run.skipped().values()) + sum(run.rejected().values())
    for rel, result in zip(sorted(expected), (f.result for f in run.files), strict=True):
        want = expected[rel]
        if not want.get("error"):
            assert result.records_seen == want["posts"] + sum(want["skipped"].values()), rel
