import ChatClient
import XCTest

final class RedactedCurlCommandTests: XCTestCase {
    private let key = "sk-live-0123456789abcdef"

    private func spec(body: String) -> HTTPRequestSpec {
        HTTPRequestSpec(
            url: "https://app.premai.io/v1/chat/completions",
            headers: ChatEndpoint.headers(apiKey: key, streaming: true) + [(name: "X-Api-Key", value: key)],
            body: Array(body.utf8))
    }

    func testCommandNeverContainsTheKey() {
        let command = redactedCurlCommand(for: spec(body: #"{"project_id":1,"messages":[]}"#))
        XCTAssertFalse(command.contains(key))
        XCTAssertFalse(command.contains("0123456789abcdef"))
    }

    func testCommandIsCopyReady() {
        let command = redactedCurlCommand(for: spec(body: #"{"messages":[{"role":"user","content":"it's"}]}"#))
        XCTAssertEqual(command, """
            curl -N --compressed 'https://app.premai.io/v1/chat/completions' \
            -H 'Authorization: Bearer '"$PREMAI_API_KEY" -H 'Content-Type: application/json' \
            -H 'Accept: text/event-stream' -H 'X-Api-Key: '"$PREMAI_API_KEY" \
            --data-raw '{"messages":[{"role":"user","content":"it'\\''s"}]}'
            """)
    }

    func testCommandRunsInAShellAsTheSameWords() throws {
        // The shell must split the command into exactly the intended arguments.
        let body = #"{"content":"a 'quoted' $HOME `x` \"y\""}"#
        let command = redactedCurlCommand(for: spec(body: body), apiKeyVariable: "TEST_KEY")
        let printer = command.replacingOccurrences(of: "curl ", with: "printf '%s\\n' ", options: .anchored)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", printer]
        process.environment = ["TEST_KEY": "from-env"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let words = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(words, [
            "-N", "--compressed", "https://app.premai.io/v1/chat/completions",
            "-H", "Authorization: Bearer from-env", "-H", "Content-Type: application/json",
            "-H", "Accept: text/event-stream", "-H", "X-Api-Key: from-env",
            "--data-raw", body, "",
        ])
    }

    func testMethodIsSpelledOnlyWhenCurlWouldNotImplyIt() {
        XCTAssertFalse(redactedCurlCommand(for: HTTPRequestSpec(url: "http://h/models", method: "GET")).contains("-X"))
        XCTAssertTrue(redactedCurlCommand(for: HTTPRequestSpec(url: "http://h/x", method: "POST")).contains("-X 'POST'"))
        XCTAssertFalse(redactedCurlCommand(for: HTTPRequestSpec(url: "http://h/x", method: "POST", body: [0x7B, 0x7D])).contains("-X"))
    }
}
