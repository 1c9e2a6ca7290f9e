import ChatCore
import ScriptMode
import StreamProtocol
import XCTest

final class AskFieldFlagsTests: XCTestCase {
    private func applied(_ edit: (inout AskFieldFlags) -> Void, to base: SessionParameters = SessionParameters())
        -> Result<SessionParameters, AskUsageError> {
        var flags = AskFieldFlags()
        edit(&flags)
        return flags.applied(to: base)
    }

    func testEveryFlagReachesItsField() throws {
        let result = try applied {
            $0[.model] = "m"
            $0[.systemPrompt] = "be brief\n"
            $0[.temperature] = "0.2"
            $0[.topP] = "0.9"
            $0[.maxTokens] = "256"
            $0[.frequencyPenalty] = "-0.5"
            $0[.presencePenalty] = "1"
            $0[.seed] = "-42"
            $0[all: .stop] = ["END", "\\n\\n", "two\nlines"]
            $0[.logitBias] = #"{ "50256": -100 }"#
            $0[.responseFormat] = #"{"type":"json_object"}"#
            $0[.tools] = #"[{"type":"function","function":{"name":"f","parameters":{}}}]"#
            $0[.user] = "ci"
            $0[.projectID] = "12"
            $0[.sessionID] = "s-1"
            $0[all: .repositoryIDs] = ["3", "4,5"]
            $0[.repositoryLimit] = "2"
            $0[.similarityThreshold] = "0.4"
        }.get()
        XCTAssertEqual(result, SessionParameters(
            model: "m", systemPrompt: "be brief", temperature: 0.2, topP: 0.9, maxTokens: 256, frequencyPenalty: -0.5,
            presencePenalty: 1, seed: -42, stop: ["END", "\n\n", "two\nlines"], user: "ci", projectID: 12, sessionID: "s-1",
            logitBias: #"{"50256":-100}"#, responseFormat: #"{"type":"json_object"}"#,
            tools: #"[{"type":"function","function":{"name":"f","parameters":{}}}]"#, repositoryIDs: [3, 4, 5],
            repositoryLimit: 2, similarityThreshold: 0.4))
    }

    func testRefusalsUseThePanesWordsAndNameTheFlag() {
        XCTAssertEqual(applied { $0[.temperature] = "3" }, .failure(AskUsageError("--temperature: temperature must be from 0 to 2 (got 3).")))
        XCTAssertEqual(applied { $0[.maxTokens] = "1.5" }, .failure(AskUsageError("--max-tokens: max_tokens must be a whole number from 1 to 131072.")))
        XCTAssertEqual(applied { $0[all: .stop] = ["a", "b", "c", "d", "e"] },
                       .failure(AskUsageError("--stop: stop takes at most 4 sequences, one a line (got 5).")))
        XCTAssertEqual(applied { $0[.seed] = "x" }, .failure(AskUsageError("--seed: seed must be a whole number (64-bit signed).")))
        guard case let .failure(json) = applied({ $0[.tools] = "{not json" }) else { return XCTFail() }
        XCTAssertTrue(json.description.hasPrefix("--tools: "), json.description)
        guard case let .failure(user) = applied({ $0[.user] = "a\u{1B}b" }) else { return XCTFail() }
        XCTAssertEqual(user.description, "--user: user must not contain control characters.")
    }

    func testFlagsOverrideTheBaseAndAnEmptyValueUnsets() throws {
        let base = SessionParameters(temperature: 0.7, maxTokens: 100, seed: 1)
        let result = try applied({ $0[.temperature] = "1.1"; $0[.seed] = "" }, to: base).get()
        XCTAssertEqual(result, SessionParameters(temperature: 1.1, maxTokens: 100))
    }
}
