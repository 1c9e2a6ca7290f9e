import ChatCore
import ChattermConfig
import Foundation
import StreamProtocol
import XCTest

/// The example in docs/configuration.md is what users copy: it must parse, and mean what the
/// text around it says.
final class DocumentedExampleTests: XCTestCase {
    func testTheDocumentedExampleParses() throws {
        let docs = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/configuration.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let start = try XCTUnwrap(text.range(of: "```toml\n"))
        let end = try XCTUnwrap(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        let example = String(text[start.upperBound..<end.lowerBound])
        XCTAssertEqual(example, ConfigExample.text, "docs/configuration.md shows what `chatterm config example` prints")
        XCTAssertEqual(
            ConfigFileParser.check(text: example, path: "/c.toml", permissions: 0o600, homeDirectory: "/home/me"), [])

        let settings = try ConfigFileParser.parse(
            text: example, path: "/home/me/.config/chatterm/config.toml", permissions: 0o644, homeDirectory: "/home/me")
        XCTAssertEqual(settings.projectID, 1234)
        XCTAssertEqual(settings.dialect, .prem)
        XCTAssertEqual(settings.theme, "light")
        XCTAssertNil(settings.apiKey)
        XCTAssertNil(settings.idleTimeoutSeconds)
        XCTAssertEqual(settings.keymapProblems, [])
        XCTAssertEqual(settings.keymap.command(for: .control("s"), in: .message), .send)
        XCTAssertEqual(settings.keymap.command(for: .enter, in: .message), .newline)
        XCTAssertEqual(settings.keymap.keys(for: .copy, in: .inspector), [.character("y"), .character("c")])
        let d = settings.defaults
        XCTAssertEqual(d.systemPrompt, "You are a concise assistant.\nAnswer in plain text.")
        XCTAssertEqual(d.stop, ["\n\nUser:", "###"])
        XCTAssertEqual(d.logitBias, #"{"50256":-100}"#)
        XCTAssertEqual(d.responseFormat, #"{"type":"json_object"}"#)
        XCTAssertEqual(d.tools, #"[{"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{}}}}]"#)
        XCTAssertEqual(d.repositoryIDs, [12, 34])
        XCTAssertEqual(d.repositoryLimit, 5)
        XCTAssertEqual(d.similarityThreshold, 0.4)
        XCTAssertEqual(d.temperature, 0.7)
        XCTAssertEqual(d.seed, 42)
        XCTAssertEqual(settings.profiles.map(\.name), ["ollama", "work"])
        XCTAssertEqual(settings.profiles.first?.dialect, .openai)
        XCTAssertEqual(settings.profiles.last?.apiKeyVariable, "PREMAI_WORK_KEY")
        XCTAssertEqual(settings.profiles.last?.defaults, SessionParameters(temperature: 0.2))
        XCTAssertEqual(settings.askStoresSessions, false)
        XCTAssertEqual(settings.markdownReplies, true)
        XCTAssertEqual(settings.clipboardMethod, .auto)
        XCTAssertEqual(settings.markdownUserMessages, false)
    }

    /// `chatterm config check`: every problem, in the file's order, each with its line and key;
    /// one bad value does not hide the next, nor a bad profile the rest.
    func testCheckListsEveryProblemInTheFilesOrder() {
        let text = """
            base_url = "ftp://x"
            dialect = "klingon"
            [defaults]
            bogus = 1
            temperature = 9
            top_p = 0.5
            [profiles.x]
            model = 3
            [profiles.y]
            dialect = "openai"
            [keys]
            sned = "x"
            """
        XCTAssertEqual(ConfigFileParser.check(text: text, path: "/c.toml", permissions: 0o600, homeDirectory: nil), [
            #"config file /c.toml, line 1: base_url: "ftp://x" is not an http:// or https:// URL"#,
            #"config file /c.toml, line 2: dialect: "klingon" is not a dialect (use "prem" or "openai")"#,
            "config file /c.toml, line 4: defaults.bogus: unknown key (known keys here: system_prompt, temperature, top_p, "
                + "max_tokens, frequency_penalty, presence_penalty, seed, stop, response_format, tools, logit_bias, user, repositories)",
            "config file /c.toml, line 5: defaults.temperature: 9 is out of range (0 to 2)",
            "config file /c.toml, line 8: profiles.x.model: must be a string, not an integer",
            #"config file /c.toml, line 12: keys.sned: unknown command "sned" (did you mean send?); docs/keys.md and `chatterm keys` list every command"#,
        ])
        // The app still refuses the file at its first problem.
        XCTAssertThrowsError(try ConfigFileParser.parse(text: text, path: "/c.toml", permissions: 0o600, homeDirectory: nil)) { error in
            XCTAssertEqual((error as? ConfigError)?.line, 1)
        }
        // Start-up refuses it with every problem but the [keys] one (the app starts with those).
        XCTAssertThrowsError(try ConfigFileParser.parseReportingAll(text: text, path: "/c.toml", permissions: 0o600, homeDirectory: nil)) { error in
            XCTAssertEqual((error as? ConfigErrors)?.errors.map(\.line), [1, 2, 4, 5, 8])
        }
    }
}
