//! `pocketlint server` over an in-memory connection: each feature as an editor uses it.

mod server_support;

use lsp_types::{DiagnosticSeverity, NumberOrString, Position, PublishDiagnosticsParams, Url};
use serde_json::{Value, json};
use server_support::{Client, apply_edits, edits_for, unopened, utf16_offset};

/// A Chinese list with known defects: a dangling TOC entry, trailing spaces, a bare URL
/// running into Chinese text, a mistyped scheme and a duplicate entry — after an emoji
/// and CJK text, so UTF-16 and UTF-8 columns differ.
const LIST: &str = "# 好用的工具 😀

## Contents

- [工具](#工具)
- [Gone](#gone)

## 工具

- [TinyLlama](https://github.com/jzhang38/TinyLlama) - 小模型。  
- 项目地址：https://github.com/a/b中文说明
- [Bad](hhttps://example.com/x) - 坏链接
- [TinyLlama](https://github.com/jzhang38/TinyLlama) - 小模型。
";

fn uri(name: &str) -> Url {
    Url::parse(&format!("untitled:{name}")).expect("a URI")
}

fn codes(published: &PublishDiagnosticsParams) -> Vec<String> {
    published
        .diagnostics
        .iter()
        .map(|d| match &d.code {
            Some(NumberOrString::String(code)) => code.clone(),
            other => panic!("a rule name as code, not {other:?}"),
        })
        .collect()
}

fn find<'p>(published: &'p PublishDiagnosticsParams, rule: &str) -> &'p lsp_types::Diagnostic {
    published
        .diagnostics
        .iter()
        .find(|d| d.code == Some(NumberOrString::String(rule.to_owned())))
        .unwrap_or_else(|| panic!("no {rule} in {:?}", codes(published)))
}

/// A client that opened `text` as `untitled:<name>`: the client, the document's URI and
/// the diagnostics published for it.
fn opened(name: &str, text: &str) -> (Client, Url, PublishDiagnosticsParams) {
    let mut client = Client::utf16();
    let doc = uri(name);
    let published = client.open(&doc, text);
    (client, doc, published)
}

/// The text a diagnostic's range covers, read with the test's own UTF-16 conversion.
fn covered(text: &str, range: lsp_types::Range) -> &str {
    &text[utf16_offset(text, range.start)..utf16_offset(text, range.end)]
}

#[test]
fn diagnostics_on_open_carry_severity_rule_link_and_labels() {
    let (client, doc, published) = opened("list.md", LIST);
    assert_eq!(published.version, Some(1));
    assert_eq!(
        codes(&published),
        [
            "toc-dangling-entry",
            "trailing-space",
            "url-cjk-boundary",
            "url-invalid",
            "dup-link"
        ]
    );
    let dangling = find(&published, "toc-dangling-entry");
    assert_eq!(dangling.severity, Some(DiagnosticSeverity::ERROR));
    assert_eq!(covered(LIST, dangling.range), "[Gone](#gone)");
    assert!(
        dangling
            .code_description
            .as_ref()
            .unwrap()
            .href
            .as_str()
            .ends_with("/rules/toc-dangling-entry.md")
    );
    let bare = find(&published, "url-cjk-boundary");
    assert_eq!(covered(LIST, bare.range), "https://github.com/a/b中文说明");
    let duplicate = find(&published, "dup-link");
    assert_eq!(duplicate.severity, Some(DiagnosticSeverity::WARNING));
    let related = duplicate.related_information.as_ref().expect("a label");
    assert_eq!(related[0].message, "first listed here");
    assert_eq!(related[0].location.uri, doc);
    assert_eq!(
        related[0].location.range.start,
        Position::new(9, 2),
        "the first TinyLlama"
    );
    client.shutdown();
}

#[test]
fn positions_are_utf8_bytes_when_offered_and_utf16_otherwise() {
    let text = "# 😀 中文\n\n- [x](hhttps://example.com)\n";
    let column_utf16 = "- [x](".len() as u32;
    for (offered, kind, heading_end) in [
        (json!(["utf-8", "utf-16"]), "utf-8", "# 😀 中文".len()),
        (
            json!(["utf-16"]),
            "utf-16",
            "# 😀 中文".encode_utf16().count(),
        ),
        (Value::Null, "utf-16", "# 😀 中文".encode_utf16().count()),
    ] {
        let mut client = Client::start(json!({ "general": { "positionEncodings": offered } }));
        assert_eq!(client.initialized["capabilities"]["positionEncoding"], kind);
        let doc = uri("encoding.md");
        let text = format!("{text}\n# 😀 中文 \n");
        let published = client.open(&doc, &text);
        let scheme = find(&published, "url-invalid");
        assert_eq!(scheme.range.start, Position::new(2, column_utf16));
        let trailing = find(&published, "trailing-space");
        assert_eq!(
            trailing.range.start,
            Position::new(4, heading_end as u32),
            "{kind}"
        );
        client.shutdown();
    }
}

#[test]
fn a_change_is_linted_once_the_client_pauses_and_a_save_relints() {
    let (mut client, doc, published) =
        opened("change.md", "# 标题 😀\n\n- [a](https://a.example)\n");
    assert!(
        published.diagnostics.is_empty(),
        "{:?}",
        published.diagnostics
    );
    // Two quick edits: a mistyped scheme, then text after the emoji (7 UTF-16 units in).
    for (version, line, character, text) in [(2, 2, 6, "h"), (3, 0, 7, " 好")] {
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": doc, "version": version },
                "contentChanges": [{ "range": {
                    "start": { "line": line, "character": character },
                    "end": { "line": line, "character": character }
                }, "text": text }]
            }),
        );
    }
    // A slow test thread may see the first edit linted on its own; the last is linted.
    let mut published = client.diagnostics(&doc);
    while published.version != Some(3) {
        assert_eq!(published.version, Some(2));
        published = client.diagnostics(&doc);
    }
    assert_eq!(codes(&published), ["url-invalid"]);
    assert_eq!(published.diagnostics[0].range.start, Position::new(2, 6));
    client.notify_document("textDocument/didSave", &doc);
    assert_eq!(codes(&client.diagnostics(&doc)), ["url-invalid"]);
    client.notify_document("textDocument/didClose", &doc);
    assert!(client.diagnostics(&doc).diagnostics.is_empty());
    client.shutdown();
}

#[test]
fn each_fix_is_a_quick_fix_safe_ones_preferred_unsafe_ones_named() {
    let (mut client, doc, published) = opened("actions.md", LIST);
    let scheme = find(&published, "url-invalid").range;
    let actions = client.code_actions(&doc, scheme, json!(["quickfix"]));
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "replace it with \"https://\" (url-invalid)",
            "Disable url-invalid for this line"
        ]
    );
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(actions[0]["diagnostics"][0]["code"], "url-invalid");
    let fixed = apply_edits(LIST, &edits_for(&actions[0]["edit"], &doc));
    assert_eq!(fixed, LIST.replace("hhttps", "https"));

    let dangling = find(&published, "toc-dangling-entry").range;
    let actions = client.code_actions(&doc, dangling, json!(["quickfix"]));
    assert_eq!(
        actions[0]["title"],
        "remove the entry, or write its section (toc-dangling-entry, unsafe fix: check the result)"
    );
    assert_eq!(actions[0]["isPreferred"], false);
    let fixed = apply_edits(LIST, &edits_for(&actions[0]["edit"], &doc));
    assert_eq!(fixed, LIST.replace("- [Gone](#gone)\n", ""));
    client.shutdown();
}

#[test]
fn disable_for_this_line_silences_only_that_finding() {
    let (mut client, doc, published) = opened("disable.md", LIST);
    let bare = find(&published, "url-cjk-boundary").range;
    let actions = client.code_actions(&doc, bare, Value::Null);
    let disable = actions
        .iter()
        .find(|a| a["title"] == "Disable url-cjk-boundary for this line")
        .expect("a disable action");
    let text = apply_edits(LIST, &edits_for(&disable["edit"], &doc));
    assert!(text.contains(
        "<!-- pocketlint-disable-next-line url-cjk-boundary -->\n- 项目地址：https://github.com/a/b中文说明\n"
    ));
    let other = uri("disabled.md");
    let published = client.open(&other, &text);
    assert!(!codes(&published).contains(&"url-cjk-boundary".to_owned()));
    assert_eq!(published.diagnostics.len(), 4);
    client.shutdown();
}

#[test]
fn fix_all_applies_every_safe_fix_and_formatting_only_the_layout_ones() {
    let (mut client, doc, _) = opened("fixall.md", LIST);
    let everything = lsp_types::Range::new(Position::new(0, 0), Position::new(0, 0));
    let actions = client.code_actions(&doc, everything, json!(["source.fixAll"]));
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.pocketlint");
    let fixed = apply_edits(LIST, &edits_for(&actions[0]["edit"], &doc));
    let expected = pocketlint::linter::fix(
        LIST,
        &pocketlint::config::Settings::default(),
        pocketlint::fix::Applicability::Safe,
    )
    .output;
    assert_eq!(fixed, expected);
    assert!(
        fixed.contains("- [Gone](#gone)"),
        "an unsafe fix is not applied"
    );
    assert!(fixed.contains("<https://github.com/a/b>中文说明"));

    let edits: Vec<lsp_types::TextEdit> =
        serde_json::from_value(client.formatting(&doc)).expect("text edits");
    let formatted = apply_edits(LIST, &edits);
    assert_eq!(formatted, LIST.replace("小模型。  \n", "小模型。\n"));
    client.shutdown();
}

#[test]
fn fixes_keep_crlf_line_endings() {
    let text = "# A\r\n\r\n\r\n\r\n- [x](hhttps://x.example)  \r\n";
    let (mut client, doc, _) = opened("crlf.md", text);
    let everything = lsp_types::Range::new(Position::new(0, 0), Position::new(5, 0));
    let actions = client.code_actions(&doc, everything, json!(["source.fixAll.pocketlint"]));
    let fixed = apply_edits(text, &edits_for(&actions[0]["edit"], &doc));
    assert_eq!(fixed, "# A\r\n\r\n- [x](https://x.example)\r\n");
    client.shutdown();
}

#[test]
fn hover_over_a_finding_explains_its_rule() {
    let (mut client, doc, published) = opened("hover.md", LIST);
    let duplicate = find(&published, "dup-link").range;
    let hover = client.hover(&doc, duplicate.start.line, duplicate.start.character + 3);
    let text = hover["contents"]["value"].as_str().expect("markdown");
    assert!(text.starts_with("# dup-link\n"), "{text}");
    assert!(text.contains("## Why is this bad"));
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert_eq!(
        serde_json::from_value::<lsp_types::Range>(hover["range"].clone()).unwrap(),
        duplicate
    );
    assert_eq!(client.hover(&doc, 0, 0), Value::Null);
    client.shutdown();
}

#[test]
fn unknown_methods_bad_params_and_documents_not_markdown_are_answered() {
    let mut client = Client::utf16();
    let answer = client.request("textDocument/completion", json!({}));
    let error = answer.response_result.expect_err("an error");
    assert_eq!(error.code, lsp_server::ErrorCode::MethodNotFound as i32);
    let answer = client.request("textDocument/hover", json!({ "position": "nowhere" }));
    assert_eq!(
        answer.response_result.expect_err("an error").code,
        lsp_server::ErrorCode::InvalidParams as i32
    );
    client.notify("textDocument/didOpen", json!({ "garbage": true }));
    client.notify("pocketlint/unknown", json!([1, 2]));
    let script = Url::parse("untitled:script.py").unwrap();
    client.open_as(&script, "python", "x = 'hhttps://a'\n");
    let everything = lsp_types::Range::new(Position::new(0, 0), Position::new(1, 0));
    assert!(
        client
            .code_actions(&script, everything, Value::Null)
            .is_empty()
    );
    assert_eq!(client.formatting(&script), Value::Null);
    assert!(
        client.published_so_far().is_empty(),
        "nothing for a Python file"
    );
    // Still serving.
    let doc = uri("after.md");
    assert_eq!(
        codes(&client.open(&doc, "- [x](hhttps://a.example)\n")),
        ["url-invalid"]
    );
    client.shutdown();
}

#[test]
fn a_ten_megabyte_document_is_linted_and_the_server_keeps_answering() {
    let entry = "- [项目 😀](https://example.com/p) - 说明文字，足够长的一行。\n";
    let big = format!(
        "# Big\n\n## A\n\n{}\n- [x](hhttps://x.example)\n",
        entry.repeat(10 * 1024 * 1024 / entry.len())
    );
    assert!(big.len() >= 10 * 1024 * 1024 - entry.len());
    let (mut client, doc, published) = opened("big.md", &big);
    let scheme = find(&published, "url-invalid");
    assert_eq!(covered(&big, scheme.range), "hhttps://x.example");
    assert_eq!(client.hover(&doc, 0, 0), Value::Null);
    client.shutdown();
}

#[test]
fn an_unopened_document_gets_no_answer_but_null() {
    let mut client = Client::utf16();
    assert_eq!(client.hover(&unopened(), 3, 1), Value::Null);
    client.shutdown();
}

/// A folder with a config and a list governed by it, as a file: URI.
fn project(config: &str) -> (tempfile::TempDir, Url, Url) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let config_path = dir.path().join(".pocketlint.yaml");
    std::fs::write(&config_path, config).unwrap();
    std::fs::create_dir(dir.path().join("vendor")).unwrap();
    let doc = Url::from_file_path(dir.path().join("README.md")).unwrap();
    let config = Url::from_file_path(config_path).unwrap();
    (dir, doc, config)
}

/// Writes `text` to the config file at `config` and tells the server, as an editor's
/// file watcher does.
fn rewrite_config(client: &Client, config: &Url, text: &str) {
    std::fs::write(config.to_file_path().expect("a file URI"), text).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config, "type": 2 }] }),
    );
}

#[test]
fn the_config_is_found_as_check_finds_it_and_reloaded_when_it_changes() {
    let (_dir, doc, config) = project("rules:\n  url-invalid: off\n");
    let mut client = Client::start(
        json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } }),
    );
    let text = "# A\n\n- [x](hhttps://x.example)  \n";
    assert_eq!(codes(&client.open(&doc, text)), ["trailing-space"]);
    let watch = &client.server_requests[0];
    assert_eq!(watch.method, "client/registerCapability");
    let globs = &watch.params["registrations"][0]["registerOptions"]["watchers"];
    assert_eq!(globs[0]["globPattern"], "**/.pocketlint.yaml");

    // A broken config: shown on the config file, and the list says why it is not linted.
    rewrite_config(&client, &config, "rules:\n  no-such-rule: off\n");
    let published = client.diagnostics(&doc);
    assert_eq!(published.diagnostics.len(), 1);
    assert!(
        published.diagnostics[0]
            .message
            .starts_with("not linted: the config")
    );
    let related = &published.diagnostics[0]
        .related_information
        .as_ref()
        .unwrap()[0];
    assert_eq!(related.location.uri, config);
    assert_eq!(related.location.range.start, Position::new(1, 2));
    let on_config = client.diagnostics(&config);
    assert_eq!(on_config.diagnostics.len(), 1);
    assert!(
        on_config.diagnostics[0]
            .message
            .contains("unknown field `no-such-rule`")
    );
    assert_eq!(
        on_config.diagnostics[0].range,
        lsp_types::Range::new(Position::new(1, 2), Position::new(1, 14))
    );

    // Fixed: the error goes, the list is linted with the new config.
    rewrite_config(&client, &config, "rules:\n  trailing-space: off\n");
    assert_eq!(codes(&client.diagnostics(&doc)), ["url-invalid"]);
    assert!(client.diagnostics(&config).diagnostics.is_empty());
    client.shutdown();
}

#[test]
fn a_file_the_config_excludes_has_no_findings() {
    let (dir, _, _) = project("exclude: [\"vendor/**\"]\n");
    let mut client = Client::utf16();
    let vendored = Url::from_file_path(dir.path().join("vendor/list.md")).unwrap();
    assert!(
        client
            .open(&vendored, "- [x](hhttps://x.example)\n")
            .diagnostics
            .is_empty()
    );
    let everything = lsp_types::Range::new(Position::new(0, 0), Position::new(1, 0));
    assert!(
        client
            .code_actions(&vendored, everything, Value::Null)
            .is_empty()
    );
    client.shutdown();
}

#[test]
fn disabling_a_nested_item_keeps_the_comment_in_its_list() {
    let mut client = Client::utf16();
    let doc = uri("nested.md");
    let text = "# A\n\n- Group\n  - [x](hhttps://x.example)\n  - [y](https://y.example)\n";
    let published = client.open(&doc, text);
    let scheme = find(&published, "url-invalid").range;
    let actions = client.code_actions(&doc, scheme, json!(["quickfix"]));
    let disable = &actions[1];
    assert_eq!(disable["title"], "Disable url-invalid for this line");
    let disabled = apply_edits(text, &edits_for(&disable["edit"], &doc));
    assert_eq!(
        disabled,
        text.replace(
            "  - [x]",
            "  <!-- pocketlint-disable-next-line url-invalid -->\n  - [x]"
        )
    );
    assert!(
        client
            .open(&uri("nested-disabled.md"), &disabled)
            .diagnostics
            .is_empty()
    );
    client.shutdown();
}
