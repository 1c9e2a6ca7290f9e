import ChatCore
import ChattermConfig
import Foundation
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
}
