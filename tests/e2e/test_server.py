"""`pocketlint server` end to end with a real LSP client (pytest-lsp, over stdio).

A Chinese/English list with known defects is opened as an editor opens it; the
diagnostics' UTF-16 positions are checked against `check --format json`, and the
"fix all" and formatting edits against what `check --fix` and `fmt` write.
Run by scripts/test-lsp.sh, which sets POCKETLINT to the binary under test.
"""

import json
import os
import pathlib
import shutil
import subprocess

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

POCKETLINT = os.environ["POCKETLINT"]
DEFECTS = pathlib.Path(__file__).with_name("defects.md")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[POCKETLINT, "server"]))
async def client(lsp_client: LanguageClient):
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        lsp_client.registrations.extend(params.registrations)

    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code")
    )
    result = await lsp_client.initialize_session(params)
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf16
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def listing(tmp_path):
    """A copy of the list in a folder of its own (no config above it but the tree's)."""
    path = tmp_path / "README.md"
    shutil.copy(DEFECTS, path)
    return path


def utf16_column(line: str, characters: int) -> int:
    """The UTF-16 column of a 0-based character column."""
    return len(line[:characters].encode("utf-16-le")) // 2


def utf16_offset(text: str, position: types.Position) -> int:
    """The index into `text` of an LSP position counted in UTF-16 code units."""
    lines = text.split("\n")
    index = sum(len(line) + 1 for line in lines[: position.line])
    units = 0
    for char in lines[position.line]:
        if units >= position.character:
            break
        units += len(char.encode("utf-16-le")) // 2
        index += 1
    return index


def apply(text: str, edits: list[types.TextEdit]) -> str:
    spans = [
        (utf16_offset(text, e.range.start), utf16_offset(text, e.range.end), e.new_text)
        for e in edits
    ]
    for start, end, new_text in sorted(spans, reverse=True):
        text = text[:start] + new_text + text[end:]
    return text


def pocketlint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [POCKETLINT, *args], capture_output=True, text=True, check=False
    )


async def open_and_wait(client: LanguageClient, path: pathlib.Path):
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=1, text=path.read_text()
            )
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri, client.diagnostics[uri]


def document(uri: str) -> types.TextDocumentIdentifier:
    """The identifier of the open document at `uri`."""
    return types.TextDocumentIdentifier(uri=uri)


async def code_actions(
    client: LanguageClient,
    uri: str,
    range_: types.Range,
    *,
    only: list[str] | None = None,
    diagnostics: list[types.Diagnostic] | None = None,
):
    """The code actions the server offers for `range_` of `uri`."""
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=document(uri),
            range=range_,
            context=types.CodeActionContext(diagnostics=diagnostics or [], only=only),
        )
    )


@pytest.mark.asyncio
async def test_diagnostics_sit_where_check_reports_them(client, listing):
    uri, diagnostics = await open_and_wait(client, listing)
    report = json.loads(pocketlint("check", "--format", "json", str(listing)).stdout)
    expected = report["diagnostics"]
    assert len(diagnostics) == len(expected) == 6
    lines = listing.read_text().split("\n")
    for lsp, finding in zip(diagnostics, expected):
        assert lsp.code == finding["rule"]
        assert lsp.message == finding["message"]
        assert lsp.source == "pocketlint"
        assert lsp.code_description.href.endswith(f"/rules/{finding['rule']}.md")
        start = types.Position(
            line=finding["line"] - 1,
            character=utf16_column(lines[finding["line"] - 1], finding["column"] - 1),
        )
        end = types.Position(
            line=finding["end_line"] - 1,
            character=utf16_column(
                lines[finding["end_line"] - 1], finding["end_column"] - 1
            ),
        )
        assert (lsp.range.start, lsp.range.end) == (start, end), finding["rule"]
    watched = [r.method for r in client.registrations]
    assert watched == ["workspace/didChangeWatchedFiles"], "config files are watched"
    duplicate = next(d for d in diagnostics if d.code == "dup-link")
    assert duplicate.related_information[0].message == "first listed here"
    assert duplicate.related_information[0].location.range.start.line == 12


@pytest.mark.asyncio
async def test_fix_all_writes_what_check_fix_writes(client, listing):
    uri, _ = await open_and_wait(client, listing)
    text = listing.read_text()
    start = types.Position(0, 0)
    actions = await code_actions(
        client,
        uri,
        types.Range(start=start, end=start),
        only=[types.CodeActionKind.SourceFixAll],
    )
    assert [a.kind for a in actions] == ["source.fixAll.pocketlint"]
    fixed = apply(text, actions[0].edit.changes[uri])
    pocketlint("check", "--fix", str(listing))
    assert fixed == listing.read_text()
    assert "hhttps" not in fixed and "<https://github.com/example/project>中文说明" in fixed
    assert "- [Gone](#gone)" in fixed, "the unsafe fix is not applied"


@pytest.mark.asyncio
async def test_formatting_writes_what_fmt_writes(client, listing):
    uri, _ = await open_and_wait(client, listing)
    text = listing.read_text()
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=document(uri),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    formatted = apply(text, edits)
    pocketlint("fmt", str(listing))
    assert formatted == listing.read_text()
    assert "hhttps" in formatted, "fmt leaves links alone"


@pytest.mark.asyncio
async def test_a_change_is_linted_and_a_quick_fix_repairs_it(client, listing):
    uri, _ = await open_and_wait(client, listing)
    text = listing.read_text()
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=19, character=0),
                        end=types.Position(line=19, character=0),
                    ),
                    text="- [Dup](hhttps://例子.com) 😀\n",
                )
            ],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    schemes = [d for d in client.diagnostics[uri] if d.code == "url-invalid"]
    assert [d.range.start for d in schemes][-1] == types.Position(line=19, character=8)
    actions = await code_actions(
        client, uri, schemes[-1].range, diagnostics=[schemes[-1]]
    )
    quick_fix = next(a for a in actions if a.is_preferred)
    lines = text.split("\n")
    lines.insert(19, "- [Dup](hhttps://例子.com) 😀")
    changed = "\n".join(lines)
    fixed = apply(changed, quick_fix.edit.changes[uri])
    assert "- [Dup](https://例子.com) 😀\n" in fixed
    assert fixed.count("hhttps") == 1, "only this finding is fixed"
    titles = [a.title for a in actions]
    assert "Disable url-invalid for this line" in titles


@pytest.mark.asyncio
async def test_hover_explains_the_rule(client, listing):
    uri, diagnostics = await open_and_wait(client, listing)
    dangling = next(d for d in diagnostics if d.code == "toc-dangling-entry")
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=document(uri),
            position=dangling.range.start,
        )
    )
    assert hover.contents.value.startswith("# toc-dangling-entry")
    explained = pocketlint("explain", "toc-dangling-entry").stdout
    assert hover.contents.value.strip() in explained
